import { supplierExchangeTopic } from '@itsm/contracts';
import { aggregateDocumentPlugin, collectionIndexes, isDuplicateKeyError, MongoOutboxStore, objectIdFromKey, schemaIndexes } from '@itsm/platform/persistence';
import type { AggregateDocumentMeta, ContextRepository, IndexDeclaration } from '@itsm/platform/persistence';
import { DEFAULT_TOLERANCE_SECONDS } from '@itsm/platform/webhooks';
import { Schema } from 'mongoose';
import type { Model, Types } from 'mongoose';
import { SupplierMessageReceiptStore } from '../application/ports/supplier-exchange-stores.port';
import type { SupplierMessageReceipt } from '../application/ports/supplier-exchange-stores.port';
import type { SupplierUpdateEnvelope } from '../domain';

interface ReceiptDocument extends AggregateDocumentMeta {
  supplierId: string;
  messageId: string;
  receivedAt: Date;
}

const MODEL = 'SupplierMessageReceipt';
const COLLECTION = 'supplier_inbound_receipts';
const keyOf = (supplierId: string, messageId: string): Types.ObjectId => objectIdFromKey('supplier-inbound-receipt', supplierId, messageId);

/**
 * How long a receipt is kept after it was received: a record's timestamp may be up to the tolerance
 * in the future and is accepted until the tolerance after it, so a replay is refused by its receipt
 * for twice the tolerance, and by the timestamp check after that; an hour's margin on top.
 */
export const RECEIPT_RETENTION_SECONDS = 2 * DEFAULT_TOLERANCE_SECONDS + 3_600;

const schema = new Schema<ReceiptDocument>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    supplierId: { type: String, required: true },
    messageId: { type: String, required: true },
    receivedAt: { type: Date, required: true },
  },
  { collection: COLLECTION },
);
schema.plugin(aggregateDocumentPlugin);

/** Only receipts whose update-received event the relay has published expire: an outage of the bus loses nothing. */
const RECEIPT_TTL: IndexDeclaration = { keys: [['receivedAt', 1]], expireAfterSeconds: RECEIPT_RETENTION_SECONDS, partialFilterExpression: { _outboxPending: false } };

/**
 * One document per (supplier, message id), `_id` from both: the receipt and the update-received
 * event in its outbox (to `itsm.supplier-exchange.v1`), written by one insert. A second insert of
 * the same message fails on `_id`: the dedupe and the effect cannot part.
 */
export class SupplierMessageReceiptRepository extends SupplierMessageReceiptStore {
  constructor(
    private readonly model: Model<ReceiptDocument>,
    private readonly afterCommit: () => void,
  ) {
    super();
  }

  async seen(supplierId: string, messageId: string): Promise<boolean> {
    return (await this.model.collection.countDocuments({ _id: keyOf(supplierId, messageId) }, { limit: 1 })) > 0;
  }

  async take(receipt: SupplierMessageReceipt, update: SupplierUpdateEnvelope): Promise<'taken' | 'duplicate'> {
    const { supplierId, messageId, receivedAt } = receipt;
    try {
      await this.model.collection.insertOne({ _id: keyOf(supplierId, messageId), supplierId, messageId, receivedAt, _v: 1, _outbox: [update], _outboxPending: true, _outboxSent: 0 });
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'duplicate';
      throw error;
    }
    this.afterCommit();
    return 'taken';
  }
}

/** The receipts for the context's persistence: model, indexes (the relay's and the TTL), outbox on the relay. */
export const supplierMessageReceiptRepository: ContextRepository = {
  provide: SupplierMessageReceiptStore,
  outbox: true,
  indexes: [schemaIndexes(schema as Schema), collectionIndexes(COLLECTION, [RECEIPT_TTL])],
  build: (connection, outbox) => {
    if (outbox === undefined) throw new Error(`${MODEL}: an outbox repository needs OUTBOX_REGISTRY (MessagingModule)`);
    const model = connection.model<ReceiptDocument>(MODEL, schema);
    outbox.register(new MongoOutboxStore(supplierExchangeTopic.name, model as unknown as Model<AggregateDocumentMeta>));
    return new SupplierMessageReceiptRepository(model, outbox.notify);
  },
};
