import { supplierOutboundFamily, topicOfFamily, TopicRegistry } from '@itsm/contracts';
import { aggregateDocumentPlugin, isDuplicateKeyError, MongoOutboxStore, objectIdFromKey, schemaIndexes } from '@itsm/platform/persistence';
import type { AggregateDocumentMeta, ContextRepository } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { Model, mongo, Types } from 'mongoose';
import { CorrelationStore } from '../application/ports/supplier-exchange-stores.port';
import type { StoredCorrelation } from '../application/ports/supplier-exchange-stores.port';
import type { CorrelationRecord, SupplierOutboundEvent } from '../domain';

interface CorrelationDocument extends AggregateDocumentMeta {
  ticketId: string;
  supplierId: string;
  record: CorrelationRecord;
  /** The supplier's outbound topic (`itsm.supplier.<supplierId>.out.v1`): where the relay sends this outbox. */
  outboxTopic: string;
  /** The last sequence handed to a supplier update of this ticket (`allocateInboundSequence`); absent before the first. */
  inboundAllocated?: number;
}

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
  },
  { collection: COLLECTION },
);
schema.plugin(aggregateDocumentPlugin);
schema.index({ ticketId: 1 });

/** Only the supplier outbound family: an event that does not fit its topic is never written to an outbox. */
const registry = new TopicRegistry([], [supplierOutboundFamily]);

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
    const documents = await this.model.collection.find({ ticketId }, { projection: { record: 1, _v: 1 } }).toArray();
    return documents.map((d) => ({ record: d['record'] as CorrelationRecord, version: d['_v'] as number }));
  }

  async allocateInboundSequence(ticketId: string, supplierId: string): Promise<number> {
    const _id = keyOf(ticketId, supplierId);
    const counter = await this.model.collection.findOneAndUpdate({ _id }, { $inc: { inboundAllocated: 1 } }, { returnDocument: 'after', projection: { inboundAllocated: 1 } });
    const value = counter?.['inboundAllocated'] as unknown;
    if (typeof value !== 'number') throw new CorrelationWriteConflict(`correlation ${ticketId}/${supplierId} does not exist`);
    return value;
  }

  async save(stored: StoredCorrelation | null, record: CorrelationRecord, events: readonly SupplierOutboundEvent[]): Promise<void> {
    const outboxTopic = topicOfFamily(supplierOutboundFamily, record.supplierId).name;
    for (const event of events) registry.validatePayload(outboxTopic, event.type, event.data);
    const _id = keyOf(record.ticketId, record.supplierId);
    if (stored === null) {
      try {
        await this.model.collection.insertOne({ _id, ticketId: record.ticketId, supplierId: record.supplierId, record, outboxTopic, _v: 1, _outbox: [...events], _outboxPending: events.length > 0, _outboxSent: 0 });
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new CorrelationWriteConflict(`correlation ${record.ticketId}/${record.supplierId} was created meanwhile`);
        throw error;
      }
    } else {
      // Appended to what the relay has not cleared yet; `_outboxSent` keeps published ones from going out again.
      const update: Record<string, unknown> = events.length === 0 ? { $set: { record, _v: stored.version + 1 } } : { $set: { record, _v: stored.version + 1, _outboxPending: true }, $push: { _outbox: { $each: [...events] } } };
      const result = await this.model.collection.updateOne({ _id, _v: stored.version }, update as mongo.UpdateFilter<mongo.Document>);
      if (result.matchedCount === 0) throw new CorrelationWriteConflict(`correlation ${record.ticketId}/${record.supplierId} changed since version ${stored.version}`);
    }
    if (events.length > 0) this.afterCommit();
  }
}

/** The correlation repository for the context's persistence: its model, its indexes, its outbox on the relay (topic per document). */
export const correlationRepository: ContextRepository = {
  provide: CorrelationStore,
  outbox: true,
  indexes: [schemaIndexes(schema as Schema)],
  build: (connection, outbox) => {
    if (outbox === undefined) throw new Error(`${MODEL}: an outbox repository needs OUTBOX_REGISTRY (MessagingModule)`);
    const model = connection.model<CorrelationDocument>(MODEL, schema);
    outbox.register(new MongoOutboxStore(supplierOutboundFamily.template, model as unknown as Model<AggregateDocumentMeta>, { topicField: 'outboxTopic' }));
    return new CorrelationRepository(model, outbox.notify);
  },
};
