import { AggregateRepository, aggregateDocumentPlugin } from '@itsm/platform/persistence';
import type { AggregateMapper, AllowedScan, Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import type { EventEnvelope } from '@itsm/contracts';
import { Schema, Types } from 'mongoose';
import type { FilterQuery, Model } from 'mongoose';
import type { AttributeProvenance, AttributeValue, CiState, ConfigurationItem, HistoryEntry } from '../domain';
import { toCmdbEnvelopes } from './cmdb.envelopes';
import { inBatches } from './in-batches';
import type { CmdbEvent } from './cmdb.envelopes';
import type { CiListFilter, CiListing, CiStore, CiSummary } from './cmdb-stores.port';

export interface CiDocument {
  classId: string;
  name: string;
  /** Lower-case name: the listing's case-insensitive search. */
  nameKey: string;
  attributes: Record<string, AttributeValue>;
  provenance: Record<string, AttributeProvenance>;
  state: CiState;
  identifiers: string[];
  createdAt: string;
  updatedAt: string;
  sequence: number;
  history: HistoryEntry[];
}

export const ciSchema = new Schema<CiDocument>(
  {
    classId: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    attributes: { type: Schema.Types.Mixed, default: {} },
    provenance: { type: Schema.Types.Mixed, default: {} },
    state: { type: String, required: true },
    identifiers: { type: [String], default: [] },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
    sequence: { type: Number, required: true },
    history: { type: Schema.Types.Mixed, default: () => [] },
  },
  { collection: 'cmdb_cis' },
);
ciSchema.plugin(aggregateDocumentPlugin);
// The listing's filters, each followed by its `_id` order (cursor pagination).
ciSchema.index({ classId: 1, _id: 1 });
ciSchema.index({ state: 1, _id: 1 });

/** The CI queries that read the whole collection by design. */
export const CI_SCANS: readonly AllowedScan[] = [{ shape: 'find {}', reason: 'forEach: the impact index rebuild and the identity cache read every CI at start' }];

/** CI <-> `cmdb_cis` document (the aggregate meta is the platform repository's). */
export const ciMapper: AggregateMapper<ConfigurationItem, CiDocument> = {
  toDocument: (ci) => ({
    classId: ci.classId,
    name: ci.name,
    nameKey: ci.name.toLowerCase(),
    attributes: { ...ci.attributes },
    provenance: { ...ci.provenance },
    state: ci.state,
    identifiers: [...ci.identifiers],
    createdAt: ci.createdAt,
    updatedAt: ci.updatedAt,
    sequence: ci.sequence,
    history: ci.history.map((entry) => ({ ...entry, changes: entry.changes.map((c) => ({ ...c })) })),
  }),
  toDomain: (d) => ({
    id: d._id.toHexString(),
    classId: d.classId,
    name: d.name,
    attributes: d.attributes ?? {},
    provenance: d.provenance ?? {},
    state: d.state,
    identifiers: d.identifiers ?? [],
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    sequence: d.sequence,
    history: d.history ?? [],
  }),
};

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function parseCiId(id: string): Types.ObjectId | undefined {
  return /^[0-9a-f]{24}$/.test(id) ? new Types.ObjectId(id) : undefined;
}

/** CIs: state, provenance, history and outbox in one document, so every change is one atomic write. */
export class CiRepository implements CiStore, CiListing {
  private readonly aggregates: AggregateRepository<ConfigurationItem, CiDocument>;

  constructor(
    private readonly model: Model<StoredDocument<CiDocument>>,
    afterCommit: () => void,
  ) {
    this.aggregates = new AggregateRepository(model, ciMapper, afterCommit);
  }

  load(id: string): Promise<Loaded<ConfigurationItem> | undefined> {
    const objectId = parseCiId(id);
    return objectId ? this.aggregates.load(objectId) : Promise.resolve(undefined);
  }

  /** Inserts the CI with its events; its `_id` is the CI id, so a second insert of it fails. */
  create(ci: ConfigurationItem, events: readonly CmdbEvent[]): Promise<SaveResult> {
    const envelopes = toCmdbEnvelopes(ci.id, 0, events);
    return this.aggregates.create(new Types.ObjectId(ci.id), { ...ci, sequence: envelopes.length }, envelopes);
  }

  save(loaded: Loaded<ConfigurationItem>, ci: ConfigurationItem, events: readonly CmdbEvent[]): Promise<SaveResult> {
    const envelopes: EventEnvelope[] = toCmdbEnvelopes(ci.id, loaded.aggregate.sequence, events);
    return this.aggregates.save(loaded, { ...ci, sequence: loaded.aggregate.sequence + envelopes.length }, envelopes);
  }

  async list(filter: CiListFilter, first: number, after: string | undefined): Promise<{ items: CiSummary[]; hasNextPage: boolean }> {
    const and: FilterQuery<StoredDocument<CiDocument>>[] = [];
    if (filter.classIds) and.push({ classId: { $in: [...filter.classIds] } });
    if (filter.state) and.push({ state: { $eq: filter.state } });
    if (filter.nameContains) and.push({ nameKey: { $regex: escapeRegex(filter.nameContains.toLowerCase()) } });
    const afterId = after === undefined ? undefined : parseCiId(after);
    if (afterId) and.push({ _id: { $gt: afterId } });
    const documents = await this.model
      .find(and.length ? { $and: and } : {}, { history: 0, provenance: 0, _outbox: 0 })
      .sort({ _id: 1 })
      .limit(first + 1)
      .lean<(StoredDocument<CiDocument> & { _id: Types.ObjectId })[]>();
    return { items: documents.slice(0, first).map(toSummary), hasNextPage: documents.length > first };
  }

  /** Every CI, in batches, without history: the impact index rebuild and the identity cache. */
  async forEach(batch: (items: (CiSummary & { identifiers: readonly string[] })[]) => void, batchSize = 5_000): Promise<number> {
    const cursor = this.model.find({}, { classId: 1, name: 1, attributes: 1, state: 1, identifiers: 1, createdAt: 1, updatedAt: 1, sequence: 1 }).lean<(StoredDocument<CiDocument> & { _id: Types.ObjectId })[]>().cursor({ batchSize });
    return inBatches(cursor, batchSize, (document) => ({ ...toSummary(document), identifiers: document.identifiers ?? [] }), batch);
  }
}

function toSummary(d: StoredDocument<CiDocument> & { _id: Types.ObjectId }): CiSummary {
  return { id: d._id.toHexString(), classId: d.classId, name: d.name, attributes: d.attributes ?? {}, state: d.state, createdAt: d.createdAt, updatedAt: d.updatedAt, sequence: d.sequence };
}
