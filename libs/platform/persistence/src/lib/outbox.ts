import type { EventEnvelope } from '@itsm/contracts';
import type { Model, Schema, Types } from 'mongoose';

/** The outbox fields every aggregate document carries next to its state. */
export interface AggregateDocumentMeta {
  _id: Types.ObjectId;
  /** Optimistic-concurrency version: +1 on every save. */
  _v: number;
  /** Events written with the state; kept until published (and pruned by the next save). */
  _outbox: EventEnvelope[];
  /** True while `_outbox` may hold events above `_outboxSent`: what the relay polls for. */
  _outboxPending: boolean;
  /** Highest sequence the relay has published. Only ever raised, with `$max`. */
  _outboxSent: number;
  _inbox?: Record<string, number>;
}

/** One aggregate's events that were written but not yet published, in sequence order. */
export interface PendingEvents {
  readonly aggregateId: string;
  /** The aggregate version these events were read at (lets the store clear them safely). */
  readonly version: number;
  readonly events: readonly EventEnvelope[];
  /** The topic of this document's events when its store names one per document (a topic family's member); else the store's. */
  readonly topic?: string;
}

/** Where the relay finds unpublished events: one store per aggregate collection and topic. */
export interface OutboxStore {
  /** Its events' topic; a document's own `topic` (a family member, e.g. one supplier's) goes first. */
  readonly topic: string;
  pending(limit: number): Promise<readonly PendingEvents[]>;
  markPublished(item: PendingEvents): Promise<void>;
}

/**
 * The fields of one outbox on a document: the aggregate's own (AGGREGATE_OUTBOX), or a second one
 * beside it for events of another topic written by the same single-document updates.
 */
export interface OutboxFields {
  /** The events written and not yet cleared. */
  readonly events: string;
  /** True while `events` may hold some above `sent`: what the relay polls for. */
  readonly pending: string;
  /** Highest sequence the relay has published. Only ever raised, with `$max`. */
  readonly sent: string;
}

export const AGGREGATE_OUTBOX: OutboxFields = { events: '_outbox', pending: '_outboxPending', sent: '_outboxSent' };

/** Declares an outbox's fields on a schema, with the relay's index over the pending documents (MongoOutboxStore.pending). */
export function declareOutbox(schema: Schema, fields: OutboxFields): void {
  schema.add({ [fields.events]: { type: [{}], default: [] }, [fields.pending]: { type: Boolean, default: false }, [fields.sent]: { type: Number, default: 0 } });
  schema.index({ [fields.pending]: 1, _id: 1 }, { partialFilterExpression: { [fields.pending]: true } });
}

export interface MongoOutboxStoreOptions {
  /** Which outbox of the documents this store relays (declared with `declareOutbox`); AGGREGATE_OUTBOX by default. */
  readonly fields?: OutboxFields;
  /**
   * A document field naming the topic of that document's events (a topic family's member, e.g.
   * `itsm.supplier.<id>.out.v1`): the relay publishes each document's events to its own topic, once
   * the process's topic registry knows it.
   */
  readonly topicField?: string;
}

/** Reads and clears the outboxes of one aggregate collection (`_id` an ObjectId or a string). */
export class MongoOutboxStore implements OutboxStore {
  constructor(
    readonly topic: string,
    private readonly model: Model<AggregateDocumentMeta>,
    private readonly options: MongoOutboxStoreOptions = {},
  ) {}

  async pending(limit: number): Promise<readonly PendingEvents[]> {
    const { topicField, fields = AGGREGATE_OUTBOX } = this.options;
    const documents = await this.model
      .find({ [fields.pending]: true }, { _id: 1, _v: 1, [fields.events]: 1, [fields.sent]: 1, ...(topicField === undefined ? {} : { [topicField]: 1 }) })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<({ _id: { toString(): string }; _v: number } & Record<string, unknown>)[]>();
    return documents.map((document) => {
      const topic = topicField === undefined ? undefined : document[topicField];
      const sent = (document[fields.sent] as number | undefined) ?? 0;
      return {
        aggregateId: String(document._id),
        version: document._v,
        events: ((document[fields.events] as EventEnvelope[] | undefined) ?? []).filter((event) => event.sequence > sent).sort((a, b) => a.sequence - b.sequence),
        ...(typeof topic === 'string' ? { topic } : {}),
      };
    });
  }

  /**
   * Clears the outbox if the aggregate is still at the version read; after a save in between, removes
   * only the published events and keeps the new ones pending, and `_outboxSent` (raised with `$max`)
   * keeps the published ones from going out again.
   */
  async markPublished(item: PendingEvents): Promise<void> {
    const { fields = AGGREGATE_OUTBOX } = this.options;
    const sent = item.events.reduce((max, event) => Math.max(max, event.sequence), 0);
    const _id = item.aggregateId;
    const cleared = await this.model.updateOne({ _id, _v: item.version }, { $set: { [fields.events]: [], [fields.pending]: false }, $max: { [fields.sent]: sent } });
    // Saved meanwhile: only what was published goes (a writer that appends with $push never prunes, so a
    // document saved faster than the relay clears it would otherwise carry every event it ever had).
    if (cleared.matchedCount === 0) await this.model.updateOne({ _id }, { $max: { [fields.sent]: sent }, $pull: { [fields.events]: { sequence: { $lte: sent } } } });
  }
}
