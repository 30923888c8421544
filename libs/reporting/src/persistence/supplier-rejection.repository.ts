import { collectionIndexes, index, objectIdFromKey, unorderedWriteDuplicates } from '@itsm/platform/persistence';
import type { Collection, Types } from 'mongoose';
import { SupplierRejectionStore } from '../application/supplier-rejection-store.port';
import type { SupplierRejection } from '../domain';
import type { CollectionSource } from './projection-generation';

const COLLECTION = 'reporting_supplier_rejections';

interface RejectionDocument extends SupplierRejection {
  _id: Types.ObjectId;
}

/** `reporting_supplier_rejections`: one document per rejection (`_id` from the exchange event's id), inserted once. */
export class SupplierRejectionRepository extends SupplierRejectionStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ at: 1 })])];

  private readonly collection: Collection<RejectionDocument>;

  constructor(connection: CollectionSource) {
    super();
    this.collection = connection.collection<RejectionDocument>(COLLECTION);
  }

  async record(rejections: readonly SupplierRejection[]): Promise<void> {
    if (rejections.length === 0) return;
    const documents = rejections.map((r): RejectionDocument => ({ _id: objectIdFromKey('reporting-rejection', r.id), id: r.id, ticketId: r.ticketId, supplierId: r.supplierId, at: r.at }));
    // A duplicate `_id` is a rejection recorded before: nothing to add.
    await unorderedWriteDuplicates(async (options) => void (await this.collection.insertMany(documents, options)));
  }

  async between(from: number, to: number): Promise<readonly SupplierRejection[]> {
    const documents = await this.collection.find({ at: { $gte: from, $lt: to } }, { projection: { _id: 0, id: 1, ticketId: 1, supplierId: 1, at: 1 } }).toArray();
    return documents.map((d) => ({ id: d.id, ticketId: d.ticketId, supplierId: d.supplierId, at: d.at }));
  }
}
