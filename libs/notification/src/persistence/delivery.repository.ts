import type { Page } from '@itsm/platform/graphql';
import { collectionIndexes, index, unorderedWriteDuplicates } from '@itsm/platform/persistence';
import type { Filter } from 'mongodb';
import type { Collection, Connection } from 'mongoose';
import { DeliveryStore } from '../application/delivery/delivery-store.port';
import type { DeliveryFilter, DeliveryPageRequest, SettledAttempt } from '../application/delivery/delivery-store.port';
import { attemptStart } from '../domain/delivery';
import type { Delivery, DeliveryLease, DeliveryState } from '../domain/delivery';
import { deliveryObjectId, toDelivery, toDeliveryDocument } from './delivery-document';
import type { DeliveryDocument } from './delivery-document';

const COLLECTION = 'notification_deliveries';
const NEWEST_FIRST = { sortKey: -1 } as const;

/**
 * `notification_deliveries`: one document per (key, recipient, channel), `_id` = the delivery id.
 * Claiming is inserting it (a duplicate key: claimed before, by a redelivery or another replica);
 * the sweeper takes due ones in batches (`takeDue`); attempts' results are written in
 * batches, each only while its sender still holds the lease.
 */
export class DeliveryRepository extends DeliveryStore {
  static readonly indexes = [
    collectionIndexes(COLLECTION, [
      index({ dueAt: 1 }),
      index({ inboxOf: 1, sortKey: -1 }),
      index({ eventIds: 1, sortKey: -1 }),
      index({ ticketId: 1, sortKey: -1 }),
      index({ recipientKey: 1, sortKey: -1 }),
      index({ state: 1, sortKey: -1 }),
      index({ sortKey: -1 }),
    ]),
  ];

  private readonly collection: Collection<DeliveryDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<DeliveryDocument>(COLLECTION);
  }

  async claimed(ids: readonly string[]): Promise<ReadonlySet<string>> {
    const _ids = ids.flatMap((id) => deliveryObjectId(id) ?? []);
    if (_ids.length === 0) return new Set();
    const found = await this.collection.find({ _id: { $in: _ids } }, { projection: { _id: 1 } }).toArray();
    return new Set(found.map((d) => d._id.toHexString()));
  }

  /** One unordered insertMany: a duplicate key is a delivery claimed before (a redelivery, another replica). */
  async claimMany(deliveries: readonly Delivery[]): Promise<ReadonlySet<string>> {
    if (deliveries.length === 0) return new Set();
    const docs = deliveries.map(toDeliveryDocument);
    const present = await unorderedWriteDuplicates((options) => this.collection.insertMany(docs, options));
    return new Set(deliveries.filter((_, i) => !present.has(i)).map((d) => d.id));
  }

  async find(id: string): Promise<Delivery | null> {
    const _id = deliveryObjectId(id);
    const doc = _id === null ? null : await this.collection.findOne({ _id });
    return doc === null ? null : toDelivery(doc);
  }

  /** One unordered bulkWrite of replace-if-still-under-the-same-lease (by `_id`). */
  async settleMany(settled: readonly SettledAttempt[]): Promise<number> {
    if (settled.length === 0) return 0;
    const replacements = settled.map(({ recorded, held }) => {
      const doc = toDeliveryDocument(recorded);
      return { replaceOne: { filter: { _id: doc._id, state: 'sending' as const, 'lease.owner': held.owner, 'lease.until': held.until }, replacement: doc } };
    });
    return (await this.collection.bulkWrite(replacements, { ordered: false })).modifiedCount;
  }

  async replace(delivery: Delivery, expected: DeliveryState): Promise<boolean> {
    const doc = toDeliveryDocument(delivery);
    return (await this.collection.replaceOne({ _id: doc._id, state: expected }, doc)).modifiedCount === 1;
  }

  /**
   * Three round trips for a batch (not one per delivery: a backlog after a crash is resent at the
   * store's pace, not one look-up at a time): the earliest due ids; one updateMany taking those still
   * due (each document's filter is checked atomically, so a delivery another replica took meanwhile
   * is not due any more and stays theirs); then those now under this very lease.
   */
  async takeDue(now: number, lease: DeliveryLease, limit: number): Promise<Delivery[]> {
    const due = await this.collection.find({ dueAt: { $lte: now } }, { projection: { _id: 1 } }).sort({ dueAt: 1 }).limit(limit).toArray();
    if (due.length === 0) return [];
    const _ids = due.map((d) => d._id);
    await this.collection.updateMany({ _id: { $in: _ids }, dueAt: { $lte: now } }, { $set: { ...attemptStart(lease, now), dueAt: lease.until } });
    // By `_id` alone (no sort: every taken one is now due at the lease's end), then in due order.
    const taken = await this.collection.find({ _id: { $in: _ids }, state: 'sending', 'lease.owner': lease.owner, 'lease.until': lease.until }).toArray();
    const byId = new Map(taken.map((d) => [d._id.toHexString(), d]));
    return _ids.flatMap((_id) => byId.get(_id.toHexString()) ?? []).map(toDelivery);
  }

  async inbox(personId: string, unreadOnly: boolean, page: DeliveryPageRequest): Promise<Page<Delivery>> {
    return this.page({ inboxOf: personId, ...(unreadOnly ? { readAt: null } : {}) }, page);
  }

  unreadCount(personId: string): Promise<number> {
    return this.collection.countDocuments({ inboxOf: personId, readAt: null });
  }

  async markRead(personId: string, ids: readonly string[] | null, at: number): Promise<number> {
    const only = ids === null ? {} : { _id: { $in: ids.flatMap((id) => deliveryObjectId(id) ?? []) } };
    return (await this.collection.updateMany({ inboxOf: personId, readAt: null, ...only }, { $set: { readAt: at } })).modifiedCount;
  }

  list(filter: DeliveryFilter, page: DeliveryPageRequest): Promise<Page<Delivery>> {
    const where: Filter<DeliveryDocument> = {};
    if (filter.eventId !== undefined) where.eventIds = filter.eventId;
    if (filter.ticketId !== undefined) where.ticketId = filter.ticketId;
    if (filter.recipientKey !== undefined) where.recipientKey = filter.recipientKey;
    if (filter.state !== undefined) where.state = filter.state;
    return this.page(where, page);
  }

  private async page(where: Filter<DeliveryDocument>, { first, after }: DeliveryPageRequest): Promise<Page<Delivery>> {
    const filter = after === null ? where : { ...where, sortKey: { $lt: after } };
    const docs = await this.collection.find(filter).sort(NEWEST_FIRST).limit(first + 1).toArray();
    return { items: docs.slice(0, first).map(toDelivery), hasNextPage: docs.length > first };
  }
}
