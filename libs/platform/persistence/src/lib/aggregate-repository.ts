import type { EventEnvelope } from '@itsm/contracts';
import type { FilterQuery, Model, Schema, Types, UpdateQuery } from 'mongoose';
import { appliedSequence, inboxGuard, INBOX_FIELD } from './inbox';
import { AGGREGATE_OUTBOX, declareOutbox } from './outbox';
import type { AggregateDocumentMeta } from './outbox';
import { PersistenceError, PersistenceErrorCode, isDuplicateKeyError } from './persistence.errors';

export type StoredDocument<D> = D & AggregateDocumentMeta;

/** Domain object <-> persistence document (never a mongoose document in the domain). */
export interface AggregateMapper<A, D> {
  toDocument(aggregate: A): D;
  toDomain(document: D & { _id: Types.ObjectId }): A;
}

export interface Loaded<A> {
  readonly id: Types.ObjectId;
  readonly aggregate: A;
  readonly version: number;
  /** Events written but not yet published when loaded: carried over by the next save. */
  readonly unpublished: readonly EventEnvelope[];
  /** Whether the aggregate already applied this event (same or later sequence of its stream). */
  hasApplied(event: Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>): boolean;
}

export interface SaveOptions {
  /** The inbound event this save applies: recorded in the same update, so it applies once. */
  readonly consumed?: EventEnvelope;
  /** Refuse a consumed event that skips a sequence number (PERSISTENCE.SEQUENCE_GAP). */
  readonly contiguous?: boolean;
}

export type SaveResult = { readonly status: 'saved'; readonly version: number } | { readonly status: 'duplicate' };

/** Adds the outbox/inbox fields to an aggregate schema; our `_v` replaces mongoose's `__v`. */
export function aggregateDocumentPlugin(schema: Schema): void {
  schema.add({
    _v: { type: Number, required: true },
    [INBOX_FIELD]: { type: {}, default: undefined },
  });
  schema.set('versionKey', false);
  schema.set('minimize', false);
  declareOutbox(schema, AGGREGATE_OUTBOX);
}

/**
 * Aggregates stored one per document: state, optimistic version, outbox and inbox move together in
 * ONE single-document write, so no multi-document transaction is ever needed (INFRA.md).
 */
export class AggregateRepository<A, D extends object> {
  constructor(
    protected readonly model: Model<StoredDocument<D>>,
    protected readonly mapper: AggregateMapper<A, D>,
    /** Called after every committed write that carried events (wakes the outbox relay). */
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  async load(id: Types.ObjectId): Promise<Loaded<A> | undefined> {
    const document = await this.model.findById(id).lean<StoredDocument<D>>();
    if (document === null) return undefined;
    return {
      id,
      aggregate: this.mapper.toDomain(document),
      version: document._v,
      unpublished: (document._outbox ?? []).filter((event) => event.sequence > (document._outboxSent ?? 0)),
      hasApplied: (event) => appliedSequence(document, event) >= event.sequence,
    };
  }

  async create(id: Types.ObjectId, aggregate: A, events: readonly EventEnvelope[], options: SaveOptions = {}): Promise<SaveResult> {
    this.checkEvents(id, events);
    const document = {
      ...this.mapper.toDocument(aggregate),
      _id: id,
      _v: 1,
      _outbox: [...events],
      _outboxPending: events.length > 0,
      _outboxSent: 0,
      ...(options.consumed ? { [INBOX_FIELD]: inboxGuard(options.consumed).set } : {}),
    };
    try {
      await this.model.collection.insertOne(document as never);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      if (options.consumed && (await this.load(id))?.hasApplied(options.consumed)) return { status: 'duplicate' };
      throw new PersistenceError(PersistenceErrorCode.AlreadyExists, `aggregate ${id.toHexString()} already exists`);
    }
    if (events.length > 0) this.afterCommit();
    return { status: 'saved', version: 1 };
  }

  async save(loaded: Loaded<A>, aggregate: A, events: readonly EventEnvelope[], options: SaveOptions = {}): Promise<SaveResult> {
    this.checkEvents(loaded.id, events);
    const guard = options.consumed ? inboxGuard(options.consumed, options.contiguous) : undefined;
    // Published meanwhile? The relay raised `_outboxSent` with $max, so they do not go out twice.
    const unsent = loaded.unpublished;
    const version = loaded.version + 1;
    const filter = { _id: loaded.id, _v: loaded.version, ...(guard?.filter ?? {}) } as FilterQuery<StoredDocument<D>>;
    const update = {
      $set: {
        ...this.mapper.toDocument(aggregate),
        _v: version,
        _outbox: [...unsent, ...events],
        _outboxPending: unsent.length + events.length > 0,
        ...(guard?.set ?? {}),
      },
    } as UpdateQuery<StoredDocument<D>>;
    const result = await this.model.updateOne(filter, update);
    if (result.matchedCount === 0) return this.explainMiss(loaded, options);
    if (events.length > 0) this.afterCommit();
    return { status: 'saved', version };
  }

  private async explainMiss(loaded: Loaded<A>, options: SaveOptions): Promise<SaveResult> {
    const document = await this.model.findById(loaded.id, { _v: 1, [INBOX_FIELD]: 1 }).lean<Pick<AggregateDocumentMeta, '_v' | '_inbox'>>();
    if (document === null) throw new PersistenceError(PersistenceErrorCode.NotFound, `aggregate ${loaded.id.toHexString()} does not exist`);
    const consumed = options.consumed;
    if (consumed) {
      const applied = appliedSequence(document, consumed);
      if (applied >= consumed.sequence) return { status: 'duplicate' };
      if (options.contiguous && document._v === loaded.version && applied < consumed.sequence - 1) {
        throw new PersistenceError(PersistenceErrorCode.SequenceGap, `event ${consumed.sequence} of ${consumed.subject} arrived after ${applied}`);
      }
    }
    throw new PersistenceError(PersistenceErrorCode.Conflict, `aggregate ${loaded.id.toHexString()} changed since version ${loaded.version}`);
  }

  private checkEvents(id: Types.ObjectId, events: readonly EventEnvelope[]): void {
    const subject = id.toHexString();
    events.forEach((event, index) => {
      const previous = events[index - 1];
      if (event.subject !== subject || (previous !== undefined && event.sequence <= previous.sequence)) {
        throw new PersistenceError(PersistenceErrorCode.InvalidEvents, `events must have subject ${subject} and rising sequences`);
      }
    });
  }
}
