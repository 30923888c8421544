import { directorySubject } from '@itsm/contracts';
import type { DirectoryRecordKind } from '@itsm/contracts';
import { AggregateRepository } from '@itsm/platform/persistence';
import type { AggregateMapper, Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { FilterQuery, Model } from 'mongoose';
import type { DirectoryEvent } from '../domain';
import type { Found, OffsetPage } from '../application/ports/directory-queries.port';
import { checkPage } from './criterion-filter';
import { toDirectoryEnvelopes } from './directory.envelopes';

/** The stream position a directory document keeps beside its record (the last event's sequence). */
export interface Sequenced {
  sequence: number;
}

/** A record with its stream position, as the platform repository stores it. */
interface Positioned<A> {
  readonly record: A;
  readonly sequence: number;
}

/**
 * One kind of directory record (person, group, organisation) as platform aggregates: the document's
 * `_id` derives from the record's id (ids are names like `contoso`, not ObjectIds), so a second
 * create of an id fails on `_id` uniqueness; state, stream position and events are one write. The
 * events' subject (the Kafka key) is that `_id` (`directorySubject` of the contract, which
 * consumers check); the payloads name the record's id.
 */
export class DirectoryAggregates<A extends { readonly id: string }, D extends object> {
  private readonly aggregates: AggregateRepository<Positioned<A>, D & Sequenced>;
  /** What each record handed out was loaded as (its stream position with it). */
  private readonly positions = new WeakMap<Loaded<A>, Loaded<Positioned<A>>>();

  constructor(
    private readonly kind: DirectoryRecordKind,
    private readonly model: Model<StoredDocument<D & Sequenced>>,
    private readonly mapper: AggregateMapper<A, D>,
    afterCommit: () => void,
  ) {
    this.aggregates = new AggregateRepository(
      model,
      { toDocument: ({ record, sequence }) => ({ ...mapper.toDocument(record), sequence }), toDomain: (document) => ({ record: mapper.toDomain(document), sequence: document.sequence }) },
      afterCommit,
    );
  }

  keyOf(id: string): Types.ObjectId {
    return new Types.ObjectId(directorySubject(this.kind, id));
  }

  async load(id: string): Promise<Loaded<A> | undefined> {
    const positioned = await this.aggregates.load(this.keyOf(id));
    if (positioned === undefined) return undefined;
    const loaded: Loaded<A> = { ...positioned, aggregate: positioned.aggregate.record };
    this.positions.set(loaded, positioned);
    return loaded;
  }

  create(record: A, events: readonly DirectoryEvent[]): Promise<SaveResult> {
    const key = this.keyOf(record.id);
    const envelopes = toDirectoryEnvelopes(key.toHexString(), 0, events);
    return this.aggregates.create(key, { record, sequence: envelopes.length }, envelopes);
  }

  save(loaded: Loaded<A>, record: A, events: readonly DirectoryEvent[]): Promise<SaveResult> {
    const positioned = this.positions.get(loaded);
    if (positioned === undefined) throw new Error(`${this.kind}: save only a record loaded through this repository`);
    const envelopes = toDirectoryEnvelopes(loaded.id.toHexString(), positioned.aggregate.sequence, events);
    return this.aggregates.save(positioned, { record, sequence: positioned.aggregate.sequence + envelopes.length }, envelopes);
  }

  /** The stored record of an id (deleted ones too), without its outbox. */
  async find(id: string): Promise<A | undefined> {
    const document = await this.model.findById(this.keyOf(id), RECORD_ONLY).lean<Stored<D>>();
    return document === null ? undefined : this.mapper.toDomain(document);
  }

  /** Records matching `filter` in id order: one page and the total of all matches. */
  async page(filter: FilterQuery<StoredDocument<D & Sequenced>>, page: OffsetPage): Promise<Found<A>> {
    checkPage(page);
    const [documents, total] = await Promise.all([
      page.limit === 0 ? Promise.resolve([]) : this.model.find(filter, RECORD_ONLY).sort({ id: 1 }).skip(page.offset).limit(page.limit).lean<Stored<D>[]>(),
      this.model.countDocuments(filter),
    ]);
    return { items: documents.map((d) => this.mapper.toDomain(d)), total };
  }

  /** Every record matching `filter`, in id order. */
  async all(filter: FilterQuery<StoredDocument<D & Sequenced>>): Promise<A[]> {
    return (await this.model.find(filter, RECORD_ONLY).sort({ id: 1 }).lean<Stored<D>[]>()).map((d) => this.mapper.toDomain(d));
  }
}

/** Queries never read the outbox. */
const RECORD_ONLY = { _outbox: 0 } as const;

type Stored<D> = StoredDocument<D & Sequenced> & { _id: Types.ObjectId };
