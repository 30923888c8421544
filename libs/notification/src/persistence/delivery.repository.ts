import { NOTIFICATION_EVENT_TYPES } from '@itsm/contracts';
import type { Page } from '@itsm/platform/graphql';
import { aggregateEnvelopes } from '@itsm/platform/messaging';
import { unorderedWriteDuplicates } from '@itsm/platform/persistence';
import type { AggregateDocumentMeta, StoredDocument } from '@itsm/platform/persistence';
import type { Filter } from 'mongodb';
import type { Collection, Model } from 'mongoose';
import { DeliveryStore } from '../application/delivery/delivery-store.port';
import type { DeliveryFilter, DeliveryPageRequest, SettledAttempt } from '../application/delivery/delivery-store.port';
import { attemptStart, inboxArrival } from '../domain/delivery';
import type { Delivery, DeliveryLease, DeliveryState } from '../domain/delivery';
import { deliveryObjectId, toDelivery, toDeliveryDocument } from './delivery-document';
import type { DeliveryDocument } from './delivery-document';
import { NOTIFICATION_ENVELOPES } from './notification-envelopes';

const NEWEST_FIRST = { sortKey: -1 } as const;
/**
 * An inbox entry is an in-app delivery that was delivered (`inboxOf` says so since entries are kept
 * to those; documents written before carry it on every in-app delivery, so the state is asked too).
 */
const inboxOf = (personId: string) => ({ inboxOf: personId, state: 'sent' as const });

type StoredDelivery = DeliveryDocument & Partial<Omit<AggregateDocumentMeta, '_id'>>;

/**
 * A delivery as written by a claim or an attempt's result: when the write makes it an inbox entry,
 * with its `in-app-delivered` event in the document's outbox (keyed by the delivery: one event each,
 * sequence 1), so the event goes out exactly when the entry is kept.
 */
function written(delivery: Delivery): { document: StoredDelivery; announces: boolean } {
  const document = toDeliveryDocument(delivery);
  const arrival = inboxArrival(delivery);
  if (arrival === null) return { document, announces: false };
  const events = aggregateEnvelopes(NOTIFICATION_ENVELOPES, delivery.id, 0, [{ type: NOTIFICATION_EVENT_TYPES.inAppDelivered, data: arrival }]);
  return { document: { ...document, _v: 0, _outbox: events, _outboxPending: true, _outboxSent: 0 }, announces: true };
}

/**
 * `notification_deliveries`: one document per (key, recipient, channel), `_id` = the delivery id.
 * Claiming is inserting it (a duplicate key: claimed before, by a redelivery or another replica);
 * the sweeper takes due ones in batches (`takeDue`); attempts' results are written in
 * batches, each only while its sender still holds the lease. A write that makes an in-app delivery
 * an inbox entry carries its `in-app-delivered` event in the same document (the relay publishes it).
 */
export class DeliveryRepository extends DeliveryStore {
  private readonly collection: Collection<StoredDelivery>;

  constructor(
    model: Model<StoredDocument<DeliveryDocument>>,
    private readonly afterCommit: () => void,
  ) {
    super();
    this.collection = model.collection as unknown as Collection<StoredDelivery>;
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
    const writes = deliveries.map(written);
    const present = await unorderedWriteDuplicates((options) => this.collection.insertMany(writes.map((w) => w.document), options));
    if (writes.some((w, i) => w.announces && !present.has(i))) this.afterCommit();
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
    // A `sending` delivery is no inbox entry yet: replacing it loses no event waiting in its outbox.
    const writes = settled.map(({ recorded, held }) => ({ held, ...written(recorded) }));
    const replacements = writes.map(({ document, held }) => ({ replaceOne: { filter: { _id: document._id, state: 'sending' as const, 'lease.owner': held.owner, 'lease.until': held.until }, replacement: document } }));
    const modified = (await this.collection.bulkWrite(replacements, { ordered: false })).modifiedCount;
    if (modified > 0 && writes.some((w) => w.announces)) this.afterCommit();
    return modified;
  }

  /** The delivery's fields set (not the document replaced: an event still in its outbox stays). */
  async replace(delivery: Delivery, expected: DeliveryState): Promise<boolean> {
    const { _id, ...fields } = toDeliveryDocument(delivery);
    return (await this.collection.updateOne({ _id, state: expected }, { $set: fields })).modifiedCount === 1;
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
    return this.page({ ...inboxOf(personId), ...(unreadOnly ? { readAt: null } : {}) }, page);
  }

  async inboxEntry(personId: string, id: string): Promise<Delivery | null> {
    const _id = deliveryObjectId(id);
    const doc = _id === null ? null : await this.collection.findOne({ _id, ...inboxOf(personId) });
    return doc === null ? null : toDelivery(doc);
  }

  unreadCount(personId: string): Promise<number> {
    return this.collection.countDocuments({ ...inboxOf(personId), readAt: null });
  }

  async markRead(personId: string, ids: readonly string[] | null, at: number): Promise<number> {
    const only = ids === null ? {} : { _id: { $in: ids.flatMap((id) => deliveryObjectId(id) ?? []) } };
    return (await this.collection.updateMany({ ...inboxOf(personId), readAt: null, ...only }, { $set: { readAt: at } })).modifiedCount;
  }

  list(filter: DeliveryFilter, page: DeliveryPageRequest): Promise<Page<Delivery>> {
    const where: Filter<StoredDelivery> = {};
    if (filter.eventId !== undefined) where.eventIds = filter.eventId;
    if (filter.ticketId !== undefined) where.ticketId = filter.ticketId;
    if (filter.recipientKey !== undefined) where.recipientKey = filter.recipientKey;
    if (filter.state !== undefined) where.state = filter.state;
    return this.page(where, page);
  }

  private async page(where: Filter<StoredDelivery>, { first, after }: DeliveryPageRequest): Promise<Page<Delivery>> {
    const filter = after === null ? where : { ...where, sortKey: { $lt: after } };
    const docs = await this.collection.find(filter).sort(NEWEST_FIRST).limit(first + 1).toArray();
    return { items: docs.slice(0, first).map(toDelivery), hasNextPage: docs.length > first };
  }
}
