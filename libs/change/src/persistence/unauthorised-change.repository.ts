import { changeSubject } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { AggregateRepository } from '@itsm/platform/persistence';
import type { AggregateMapper, Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { UnauthorisedChangeReads } from '../application/ports/unauthorised-change-store.port';
import type { UnauthorisedChangeFilter, UnauthorisedChangePage, UnauthorisedChangeStore } from '../application/ports/unauthorised-change-store.port';
import type { UnauthorisedChange, UnauthorisedChangeEvent } from '../domain';
import { toChangeEnvelopes } from './change.envelopes';
import type { UnauthorisedChangeDocument } from './unauthorised-change.schema';

/** A record with its stream position. */
interface Positioned {
  readonly record: UnauthorisedChange;
  readonly sequence: number;
}

type Stored = StoredDocument<UnauthorisedChangeDocument> & { _id: Types.ObjectId };

const RECORD_ONLY = { _outbox: 0 } as const;

function toRecord(d: UnauthorisedChangeDocument): UnauthorisedChange {
  return {
    id: d.id,
    ciId: d.ciId,
    ciName: d.ciName,
    classId: d.classId,
    source: d.source,
    changes: (d.changes ?? []).map((c) => ({ attribute: c.attribute, old: c.old ?? null, new: c.new ?? null })),
    discoveredBy: d.discoveredBy,
    detectedAt: d.detectedAt,
    status: d.status,
    note: d.note ?? null,
    changeId: d.changeId ?? null,
    resolvedBy: d.resolvedBy ?? null,
    resolvedAt: d.resolvedAt ?? null,
  };
}

const mapper: AggregateMapper<Positioned, UnauthorisedChangeDocument> = {
  toDocument: ({ record, sequence }) => ({ ...record, changes: record.changes.map((c) => ({ ...c })), sequence }),
  toDomain: (d) => ({ record: toRecord(d), sequence: d.sequence }),
};

/**
 * Unauthorised-change records in MongoDB: `_id` = changeSubject('unauthorised-change', id) (also
 * the events' Kafka key); state and outbox events in one document write. A record is created with
 * the CMDB event it came from recorded, so a redelivery answers `duplicate`.
 */
export class UnauthorisedChangeRepository extends UnauthorisedChangeReads implements UnauthorisedChangeStore {
  private readonly aggregates: AggregateRepository<Positioned, UnauthorisedChangeDocument>;
  private readonly positions = new WeakMap<Loaded<UnauthorisedChange>, Loaded<Positioned>>();

  constructor(
    private readonly model: Model<StoredDocument<UnauthorisedChangeDocument>>,
    afterCommit: () => void,
  ) {
    super();
    this.aggregates = new AggregateRepository(model, mapper, afterCommit);
  }

  static keyOf(id: string): Types.ObjectId {
    return new Types.ObjectId(changeSubject('unauthorised-change', id));
  }

  async load(id: string): Promise<Loaded<UnauthorisedChange> | undefined> {
    const positioned = await this.aggregates.load(UnauthorisedChangeRepository.keyOf(id));
    if (positioned === undefined) return undefined;
    const loaded: Loaded<UnauthorisedChange> = { ...positioned, aggregate: positioned.aggregate.record, hasApplied: positioned.hasApplied };
    this.positions.set(loaded, positioned);
    return loaded;
  }

  create(record: UnauthorisedChange, events: readonly UnauthorisedChangeEvent[], consumed: EventEnvelope): Promise<SaveResult> {
    const key = UnauthorisedChangeRepository.keyOf(record.id);
    const envelopes = toChangeEnvelopes(key.toHexString(), 0, events);
    return this.aggregates.create(key, { record, sequence: envelopes.length }, envelopes, { consumed });
  }

  save(loaded: Loaded<UnauthorisedChange>, record: UnauthorisedChange, events: readonly UnauthorisedChangeEvent[]): Promise<SaveResult> {
    const positioned = this.positions.get(loaded);
    if (positioned === undefined) throw new Error('unauthorised change: save only a record loaded through this repository');
    const envelopes = toChangeEnvelopes(loaded.id.toHexString(), positioned.aggregate.sequence, events);
    return this.aggregates.save(positioned, { record, sequence: positioned.aggregate.sequence + envelopes.length }, envelopes);
  }

  async byId(id: string): Promise<UnauthorisedChange | undefined> {
    const document = await this.model.findById(UnauthorisedChangeRepository.keyOf(id), RECORD_ONLY).lean<Stored>();
    return document === null ? undefined : toRecord(document);
  }

  async list(filter: UnauthorisedChangeFilter, first: number, after: string | undefined): Promise<UnauthorisedChangePage> {
    const and: FilterQuery<StoredDocument<UnauthorisedChangeDocument>>[] = [];
    if (filter.ciId !== undefined) and.push({ ciId: { $eq: filter.ciId } });
    if (filter.statuses?.length) and.push({ status: { $in: [...filter.statuses] } });
    if (after !== undefined) and.push({ id: { $lt: after } });
    const documents = await this.model
      .find(and.length === 0 ? {} : { $and: and }, RECORD_ONLY)
      .sort({ id: -1 })
      .limit(first + 1)
      .lean<Stored[]>();
    return { items: documents.slice(0, first).map(toRecord), hasNextPage: documents.length > first };
  }
}
