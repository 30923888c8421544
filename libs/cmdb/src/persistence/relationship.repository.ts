import { AggregateRepository, aggregateDocumentPlugin, objectIdFromKey } from '@itsm/platform/persistence';
import type { AggregateMapper, AllowedScan, Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import { Schema, Types } from 'mongoose';
import type { Model } from 'mongoose';
import type { Relationship } from '../domain';
import { toCmdbEnvelopes } from './cmdb.envelopes';
import { inBatches } from './in-batches';
import type { CmdbEvent } from './cmdb.envelopes';
import type { RelationshipReader, RelationshipStore } from './cmdb-stores.port';

export interface RelationshipDocument {
  typeId: string;
  sourceId: string;
  targetId: string;
  state: 'active' | 'removed';
  source: string;
  createdBy: string;
  createdAt: string;
  removedBy: string | null;
  removedAt: string | null;
  sequence: number;
}

export const relationshipSchema = new Schema<RelationshipDocument>(
  {
    typeId: { type: String, required: true },
    sourceId: { type: String, required: true },
    targetId: { type: String, required: true },
    state: { type: String, required: true },
    source: { type: String, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: String, required: true },
    removedBy: { type: String, default: null },
    removedAt: { type: String, default: null },
    sequence: { type: Number, required: true },
  },
  { collection: 'cmdb_relationships' },
);
relationshipSchema.plugin(aggregateDocumentPlugin);
relationshipSchema.index({ sourceId: 1, state: 1 });
relationshipSchema.index({ targetId: 1, state: 1 });

/** The relationship queries that read the whole collection by design. */
export const RELATIONSHIP_SCANS: readonly AllowedScan[] = [{ shape: 'find {}', reason: 'forEach: the impact index is rebuilt from every relationship at start' }];

/** Relationship <-> `cmdb_relationships` document. */
export const relationshipMapper: AggregateMapper<Relationship, RelationshipDocument> = {
  toDocument: (r) => ({
    typeId: r.typeId,
    sourceId: r.sourceId,
    targetId: r.targetId,
    state: r.state,
    source: r.source,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    removedBy: r.removedBy,
    removedAt: r.removedAt,
    sequence: r.sequence,
  }),
  toDomain: (d) => ({
    id: d._id.toHexString(),
    typeId: d.typeId,
    sourceId: d.sourceId,
    targetId: d.targetId,
    state: d.state,
    source: d.source,
    createdBy: d.createdBy,
    createdAt: d.createdAt,
    removedBy: d.removedBy ?? null,
    removedAt: d.removedAt ?? null,
    sequence: d.sequence,
  }),
};

/** The id of the relationship of this type between these two CIs: one document, however often it is asserted. */
export function relationshipId(typeId: string, sourceId: string, targetId: string): string {
  return objectIdFromKey('cmdb-relationship', typeId, sourceId, targetId).toHexString();
}

/** Relationships, one document each with their outbox; removal keeps the document (tombstone). */
export class RelationshipRepository implements RelationshipStore, RelationshipReader {
  private readonly aggregates: AggregateRepository<Relationship, RelationshipDocument>;

  constructor(
    private readonly model: Model<StoredDocument<RelationshipDocument>>,
    afterCommit: () => void,
  ) {
    this.aggregates = new AggregateRepository(model, relationshipMapper, afterCommit);
  }

  load(id: string): Promise<Loaded<Relationship> | undefined> {
    return /^[0-9a-f]{24}$/.test(id) ? this.aggregates.load(new Types.ObjectId(id)) : Promise.resolve(undefined);
  }

  create(relationship: Relationship, events: readonly CmdbEvent[]): Promise<SaveResult> {
    const envelopes = toCmdbEnvelopes(relationship.id, 0, events);
    return this.aggregates.create(new Types.ObjectId(relationship.id), { ...relationship, sequence: envelopes.length }, envelopes);
  }

  save(loaded: Loaded<Relationship>, relationship: Relationship, events: readonly CmdbEvent[]): Promise<SaveResult> {
    const envelopes = toCmdbEnvelopes(relationship.id, loaded.aggregate.sequence, events);
    return this.aggregates.save(loaded, { ...relationship, sequence: loaded.aggregate.sequence + envelopes.length }, envelopes);
  }

  /** Active relationships where the CI is source or target. */
  async activeOf(ciId: string): Promise<Relationship[]> {
    const documents = await this.model
      .find({ $or: [{ sourceId: { $eq: ciId } }, { targetId: { $eq: ciId } }], state: 'active' }, { _outbox: 0 })
      .lean<(StoredDocument<RelationshipDocument> & { _id: Types.ObjectId })[]>();
    return documents.map((d) => relationshipMapper.toDomain(d));
  }

  /** Every relationship, removed ones included (their sequence orders late events), in batches. */
  async forEach(batch: (items: Relationship[]) => void, batchSize = 10_000): Promise<number> {
    const cursor = this.model.find({}, { _outbox: 0, _inbox: 0 }).lean<(StoredDocument<RelationshipDocument> & { _id: Types.ObjectId })[]>().cursor({ batchSize });
    return inBatches(cursor, batchSize, (document) => relationshipMapper.toDomain(document), batch);
  }
}
