import { collectionIndexes, isDuplicateKeyError, objectIdFromKey, ttlIndex } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import type { DiscoveryReceiptStore } from './cmdb-stores.port';

interface ReceiptDocument {
  _id: Types.ObjectId;
  source: string;
  recordId: string;
  appliedAt: Date;
  expiresAt: Date;
}

/**
 * One document per applied discovery record, its `_id` derived from (source, record id): found by
 * `_id` alone, removed by MongoDB once the record's signature could no longer pass the timestamp check.
 */
export class DiscoveryReceiptRepository implements DiscoveryReceiptStore {
  static readonly indexes = [collectionIndexes('cmdb_discovery_receipts', [ttlIndex('expiresAt', 0)])];

  private readonly collection: Collection<ReceiptDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<ReceiptDocument>('cmdb_discovery_receipts');
  }

  async applied(source: string, recordId: string): Promise<boolean> {
    return (await this.collection.findOne({ _id: receiptId(source, recordId) }, { projection: { _id: 1 } })) !== null;
  }

  async record(source: string, recordId: string, at: Date, keepUntil: Date): Promise<void> {
    try {
      await this.collection.insertOne({ _id: receiptId(source, recordId), source, recordId, appliedAt: at, expiresAt: keepUntil });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

function receiptId(source: string, recordId: string): Types.ObjectId {
  return objectIdFromKey('cmdb-discovery-receipt', source, recordId);
}
