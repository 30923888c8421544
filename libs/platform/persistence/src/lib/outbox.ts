import type { EventEnvelope } from '@itsm/contracts';
import type { Model, Types } from 'mongoose';

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

export interface MongoOutboxStoreOptions {
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
    const { topicField } = this.options;
    const documents = await this.model
      .find({ _outboxPending: true }, { _id: 1, _v: 1, _outbox: 1, _outboxSent: 1, ...(topicField === undefined ? {} : { [topicField]: 1 }) })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<(Pick<AggregateDocumentMeta, '_v' | '_outbox' | '_outboxSent'> & { _id: { toString(): string } } & Record<string, unknown>)[]>();
    return documents.map((document) => {
      const topic = topicField === undefined ? undefined : document[topicField];
      return {
        aggregateId: String(document._id),
        version: document._v,
        events: (document._outbox ?? [])
          .filter((event) => event.sequence > (document._outboxSent ?? 0))
          .sort((a, b) => a.sequence - b.sequence),
        ...(typeof topic === 'string' ? { topic } : {}),
      };
    });
  }

  /**
   * Clears the outbox only if the aggregate is still at the version read: a save in between keeps
   * its new events pending, and `_outboxSent` (raised with `$max`) keeps the published ones from
   * going out again.
   */
  async markPublished(item: PendingEvents): Promise<void> {
    const sent = item.events.reduce((max, event) => Math.max(max, event.sequence), 0);
    const _id = item.aggregateId;
    const cleared = await this.model.updateOne(
      { _id, _v: item.version },
      { $set: { _outbox: [], _outboxPending: false }, $max: { _outboxSent: sent } },
    );
    if (cleared.matchedCount === 0) await this.model.updateOne({ _id }, { $max: { _outboxSent: sent } });
  }
}
