import { supplierExchangeTopic, supplierOutboundFamily, topicOfFamily, TopicRegistry } from '@itsm/contracts';
import { aggregateDocumentPlugin, declareOutbox, isDuplicateKeyError, MongoOutboxStore, objectIdFromKey, schemaIndexes } from '@itsm/platform/persistence';
import type { AggregateDocumentMeta, ContextRepository, OutboxFields } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { Connection, Model, mongo, Types } from 'mongoose';
import { CorrelationStore, WebhookQueueStore } from '../application/ports/supplier-exchange-stores.port';
import type { ClaimedWebhookEvent, InboundReceipt, StoredCorrelation, WebhookDeadLetter, WebhookDeliveryState } from '../application/ports/supplier-exchange-stores.port';
import type { CorrelationRecord, OutboundChannel, SupplierOutboundEvent, SupplierUpdateEnvelope } from '../domain';

interface CorrelationDocument extends AggregateDocumentMeta {
  ticketId: string;
  supplierId: string;
  record: CorrelationRecord;
  /** The supplier's outbound topic (`itsm.supplier.<supplierId>.out.v1`): where the relay sends this outbox. */
  outboxTopic: string;
  /** The supplier's messages applied within the replay window (`applyInbound`), oldest first. */
  receipts?: InboundReceipt[];
  /** The update outbox (UPDATE_OUTBOX): the supplier's update-received events, relayed to `itsm.supplier-exchange.v1`. */
  _updates?: SupplierUpdateEnvelope[];
  _updatesPending?: boolean;
  _updatesSent?: number;
  /** The webhook channel's events not yet accepted by the supplier, in sequence order (the deliverer's queue). */
  _webhookQueue?: SupplierOutboundEvent[];
  /** True while the queue may hold an event: what the deliverer claims. */
  webhookPending?: boolean;
  /** When the head is due: its retry time, or the end of a claim's lease; HELD behind a dead letter. */
  webhookDueAt?: Date;
  webhookAttempts?: number;
  webhookLastError?: string | null;
  /** The sequence of the last event the supplier accepted. */
  webhookDelivered?: number;
  webhookDeadLetter?: WebhookDeadLetter | null;
}

/** Due never: a queue behind a dead letter keeps its events unsent (a later save's `$max` never lowers it). */
const HELD = new Date(Date.UTC(9999, 11, 31));
/** Due at once (a save's `$max` sets it on a queue that never had a due time, and keeps a later one). */
const DUE_NOW = new Date(0);

const MODEL = 'SupplierCorrelation';
const COLLECTION = 'supplier_correlations';
const keyOf = (ticketId: string, supplierId: string): Types.ObjectId => objectIdFromKey('supplier-correlation', ticketId, supplierId);

const schema = new Schema<CorrelationDocument>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    ticketId: { type: String, required: true },
    supplierId: { type: String, required: true },
    record: { type: Schema.Types.Mixed, required: true },
    outboxTopic: { type: String, required: true },
    webhookPending: { type: Boolean },
    webhookDueAt: { type: Date },
  },
  { collection: COLLECTION },
);
schema.plugin(aggregateDocumentPlugin);
/**
 * The second outbox of each record: the supplier's updates of the ticket, written by the update that
 * takes each message, so one (ticket, supplier) stream is one document's outbox, relayed in sequence order.
 */
const UPDATE_OUTBOX: OutboxFields = { events: '_updates', pending: '_updatesPending', sent: '_updatesSent' };
declareOutbox(schema as Schema, UPDATE_OUTBOX);
schema.index({ ticketId: 1 });
schema.index({ webhookPending: 1, webhookDueAt: 1 });

/** The supplier outbound family and the exchange's topic: an event that does not fit its topic is never written to an outbox. */
const registry = new TopicRegistry([supplierExchangeTopic], [supplierOutboundFamily]);

/** The retryable refusal of a write over a record another delivery changed meanwhile (the redelivery finds it decided). */
export class CorrelationWriteConflict extends Error {
  override readonly name = 'CorrelationWriteConflict';
}

/**
 * One document per (ticket, supplier): the record, and the events `decide` gave for it, in the same
 * single-document write (the transactional outbox without multi-document transactions); the relay
 * sends each document's outbox to its supplier's own topic.
 */
export class CorrelationRepository extends CorrelationStore {
  constructor(
    private readonly model: Model<CorrelationDocument>,
    private readonly afterCommit: () => void,
  ) {
    super();
  }

  async forTicket(ticketId: string): Promise<readonly StoredCorrelation[]> {
    const documents = await this.model.collection.find({ ticketId }, { projection: { record: 1, _v: 1, receipts: 1 } }).toArray();
    return documents.map((d) => ({ record: d['record'] as CorrelationRecord, version: d['_v'] as number, receipts: (d['receipts'] as InboundReceipt[] | undefined) ?? [] }));
  }

  async applyInbound(stored: StoredCorrelation, record: CorrelationRecord, update: SupplierUpdateEnvelope, receipt: InboundReceipt, keepSince: Date): Promise<'applied' | 'conflict'> {
    if (record.ticketId !== stored.record.ticketId || record.supplierId !== stored.record.supplierId || update.data.ticketId !== record.ticketId || update.data.supplierId !== record.supplierId) {
      throw new Error(`an update of ${update.data.supplierId} about ${update.data.ticketId} applied to correlation ${stored.record.ticketId}/${stored.record.supplierId}`);
    }
    registry.validatePayload(supplierExchangeTopic.name, update.type, update.data);
    const receipts = [...stored.receipts.filter((r) => r.receivedAt >= keepSince), receipt];
    const _id = keyOf(record.ticketId, record.supplierId);
    const write: Record<string, unknown> = { $set: { record, receipts, _v: stored.version + 1, [UPDATE_OUTBOX.pending]: true }, $push: { [UPDATE_OUTBOX.events]: update } };
    const result = await this.model.collection.updateOne({ _id, _v: stored.version }, write as mongo.UpdateFilter<mongo.Document>);
    if (result.matchedCount === 0) return 'conflict';
    this.afterCommit();
    return 'applied';
  }

  async save(stored: StoredCorrelation | null, record: CorrelationRecord, events: readonly SupplierOutboundEvent[], channel: OutboundChannel['channel']): Promise<void> {
    const outboxTopic = topicOfFamily(supplierOutboundFamily, record.supplierId).name;
    for (const event of events) registry.validatePayload(outboxTopic, event.type, event.data);
    const _id = keyOf(record.ticketId, record.supplierId);
    if (stored === null) {
      try {
        const queued = channel === 'webhook' ? { _outbox: [], _outboxPending: false, _webhookQueue: [...events], webhookPending: events.length > 0, webhookDueAt: DUE_NOW } : { _outbox: [...events], _outboxPending: events.length > 0 };
        await this.model.collection.insertOne({ _id, ticketId: record.ticketId, supplierId: record.supplierId, record, outboxTopic, _v: 1, _outboxSent: 0, ...queued });
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new CorrelationWriteConflict(`correlation ${record.ticketId}/${record.supplierId} was created meanwhile`);
        throw error;
      }
    } else {
      // Appended to what the relay has not cleared yet; `_outboxSent` keeps published ones from going out again.
      const set = { record, _v: stored.version + 1 };
      const update: Record<string, unknown> =
        events.length === 0
          ? { $set: set }
          : channel === 'webhook'
            ? { $set: { ...set, webhookPending: true }, $max: { webhookDueAt: DUE_NOW }, $push: { _webhookQueue: { $each: [...events] } } }
            : { $set: { ...set, _outboxPending: true }, $push: { _outbox: { $each: [...events] } } };
      const result = await this.model.collection.updateOne({ _id, _v: stored.version }, update as mongo.UpdateFilter<mongo.Document>);
      if (result.matchedCount === 0) throw new CorrelationWriteConflict(`correlation ${record.ticketId}/${record.supplierId} changed since version ${stored.version}`);
    }
    if (events.length > 0 && channel === 'kafka') this.afterCommit();
  }
}

/**
 * The webhook queues on the correlation documents: written by CorrelationRepository.save in the
 * same update as the record, drained one head at a time by the deliverer under a lease
 * (`webhookDueAt` moved past the call), so one event per (ticket, supplier) is in flight.
 */
export class WebhookQueueRepository extends WebhookQueueStore {
  constructor(private readonly model: Model<CorrelationDocument>) {
    super();
  }

  async claim(now: Date, leaseUntil: Date): Promise<ClaimedWebhookEvent | null> {
    for (;;) {
      const document = await this.model.collection.findOneAndUpdate(
        { webhookPending: true, webhookDueAt: { $lte: now } },
        { $set: { webhookDueAt: leaseUntil } },
        { sort: { webhookDueAt: 1 }, returnDocument: 'after', projection: { ticketId: 1, supplierId: 1, _v: 1, _webhookQueue: 1, webhookAttempts: 1, webhookDelivered: 1 } },
      );
      if (document === null) return null;
      const delivered = (document['webhookDelivered'] as number | undefined) ?? 0;
      const queue = ((document['_webhookQueue'] as SupplierOutboundEvent[] | undefined) ?? []).filter((e) => e.sequence > delivered).sort((a, b) => a.sequence - b.sequence);
      const head = queue[0];
      if (head !== undefined) {
        return { ticketId: document['ticketId'] as string, supplierId: document['supplierId'] as string, event: head, attempts: (document['webhookAttempts'] as number | undefined) ?? 0 };
      }
      // Drained: no longer pending, unless a save added an event since (its version moved on): then the
      // lease just taken ends now, so that event is due at once rather than when the lease would run out.
      const drained = await this.model.collection.updateOne({ _id: document['_id'], _v: document['_v'] as number }, { $set: { webhookPending: false, webhookDueAt: now } });
      if (drained.matchedCount === 0) await this.model.collection.updateOne({ _id: document['_id'], webhookDueAt: leaseUntil }, { $set: { webhookDueAt: now } });
    }
  }

  async delivered(claim: ClaimedWebhookEvent, now: Date): Promise<void> {
    const update: Record<string, unknown> = {
      $pull: { _webhookQueue: { sequence: { $lte: claim.event.sequence } } },
      $max: { webhookDelivered: claim.event.sequence },
      $set: { webhookDueAt: now, webhookAttempts: 0, webhookLastError: null },
    };
    await this.model.collection.updateOne({ _id: keyOf(claim.ticketId, claim.supplierId) }, update as mongo.UpdateFilter<mongo.Document>);
  }

  async retry(claim: ClaimedWebhookEvent, at: Date, reason: string): Promise<void> {
    await this.model.collection.updateOne({ _id: keyOf(claim.ticketId, claim.supplierId) }, { $set: { webhookDueAt: at, webhookAttempts: claim.attempts + 1, webhookLastError: reason } });
  }

  async deadLetter(claim: ClaimedWebhookEvent, letter: WebhookDeadLetter): Promise<void> {
    await this.model.collection.updateOne({ _id: keyOf(claim.ticketId, claim.supplierId) }, { $set: { webhookDueAt: HELD, webhookAttempts: claim.attempts + 1, webhookLastError: letter.reason, webhookDeadLetter: letter } });
  }

  async release(ticketId: string, supplierId: string, now: Date): Promise<'released' | 'not-held'> {
    const result = await this.model.collection.updateOne(
      { _id: keyOf(ticketId, supplierId), webhookDueAt: HELD },
      { $set: { webhookDueAt: now, webhookAttempts: 0, webhookLastError: null, webhookDeadLetter: null } },
    );
    return result.matchedCount === 0 ? 'not-held' : 'released';
  }

  async forTicket(ticketId: string): Promise<readonly WebhookDeliveryState[]> {
    const documents = await this.model.collection
      .find({ ticketId }, { projection: { ticketId: 1, supplierId: 1, _webhookQueue: 1, webhookPending: 1, webhookDueAt: 1, webhookAttempts: 1, webhookLastError: 1, webhookDelivered: 1, webhookDeadLetter: 1 } })
      .toArray();
    return documents
      .filter((d) => d['_webhookQueue'] !== undefined)
      .map((d) => {
        const delivered = (d['webhookDelivered'] as number | undefined) ?? 0;
        const queued = (d['_webhookQueue'] as SupplierOutboundEvent[]).filter((e) => e.sequence > delivered).length;
        return {
          ticketId: d['ticketId'] as string,
          supplierId: d['supplierId'] as string,
          queued,
          delivered,
          attempts: (d['webhookAttempts'] as number | undefined) ?? 0,
          lastError: (d['webhookLastError'] as string | null | undefined) ?? null,
          nextAttemptAt: queued === 0 ? null : ((d['webhookDueAt'] as Date | undefined) ?? null),
          deadLetter: (d['webhookDeadLetter'] as WebhookDeadLetter | null | undefined) ?? null,
        };
      })
      .sort((a, b) => a.supplierId.localeCompare(b.supplierId));
  }
}

/** The correlation repository for the context's persistence: its model, its indexes, its two outboxes on the relay (the supplier's topic per document, and the update outbox). */
export const correlationRepository: ContextRepository = {
  provide: CorrelationStore,
  outbox: true,
  indexes: [schemaIndexes(schema as Schema)],
  build: (connection, outbox) => {
    if (outbox === undefined) throw new Error(`${MODEL}: an outbox repository needs OUTBOX_REGISTRY (MessagingModule)`);
    const model = connection.model<CorrelationDocument>(MODEL, schema);
    outbox.register(new MongoOutboxStore(supplierOutboundFamily.template, model as unknown as Model<AggregateDocumentMeta>, { topicField: 'outboxTopic' }));
    outbox.register(new MongoOutboxStore(supplierExchangeTopic.name, model as unknown as Model<AggregateDocumentMeta>, { fields: UPDATE_OUTBOX }));
    return new CorrelationRepository(model, outbox.notify);
  },
};

/** The webhook queues on a connection's correlation documents (its model, registered here when correlationRepository has not yet). */
export function webhookQueueOn(connection: Connection): WebhookQueueRepository {
  const model = connection.models[MODEL] === undefined ? connection.model<CorrelationDocument>(MODEL, schema) : (connection.model(MODEL) as Model<CorrelationDocument>);
  return new WebhookQueueRepository(model);
}

/** The webhook queues on the same documents (their index is the correlation schema's). */
export const webhookQueueRepository: ContextRepository = {
  provide: WebhookQueueStore,
  outbox: false,
  indexes: [],
  build: (connection) => webhookQueueOn(connection),
};
