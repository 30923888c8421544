import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import { Schema, Types } from 'mongoose';
import { recipientKey } from '../domain';
import type { Notice, RenderedMessage } from '../domain';
import { deliveryEventIds, deliveryTicket, dueAt, inboxOwner } from '../domain/delivery';
import type { Delivery, DeliveryAttempt, DeliveryLease, DeliveryState } from '../domain/delivery';
import { deliverySortKey } from '../application/delivery/delivery-store.port';

/** A delivery as stored: the domain fields, plus what its queries select and sort on. */
export interface DeliveryDocument {
  _id: Types.ObjectId;
  notice: Notice;
  state: DeliveryState;
  attempts: number;
  history: DeliveryAttempt[];
  nextAttemptAt: number | null;
  lease: DeliveryLease | null;
  message: RenderedMessage | null;
  messageId: string | null;
  reason: string | null;
  digestId: string | null;
  readAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** Newest-first order and cursor of every list. */
  sortKey: string;
  /** When the sweeper should take it (see `dueAt`); null once settled. */
  dueAt: number | null;
  recipientKey: string;
  eventIds: string[];
  ticketId: string | null;
  /** The person whose in-app inbox holds it (`inboxOwner`); null on other channels and before it is delivered. */
  inboxOf: string | null;
}

/**
 * `notification_deliveries` as the outbox relay and the index declarations see it: the repository
 * writes and reads the documents through the driver (`toDeliveryDocument`); the outbox beside them
 * carries an inbox entry's `in-app-delivered` event, written by the same insert or replacement that
 * makes it one.
 */
export const deliverySchema = new Schema<DeliveryDocument>({}, { collection: 'notification_deliveries', id: false, strict: false });
deliverySchema.plugin(aggregateDocumentPlugin);
// The sweeper's due ones; the inbox; the admins' lists (by event, ticket, recipient, state, all), newest first.
deliverySchema.index({ dueAt: 1 });
deliverySchema.index({ inboxOf: 1, sortKey: -1 });
deliverySchema.index({ eventIds: 1, sortKey: -1 });
deliverySchema.index({ ticketId: 1, sortKey: -1 });
deliverySchema.index({ recipientKey: 1, sortKey: -1 });
deliverySchema.index({ state: 1, sortKey: -1 });
deliverySchema.index({ sortKey: -1 });

const HEX_ID = /^[0-9a-f]{24}$/;

/** The `_id` of a delivery id, or null for text that is not one (a caller's typo finds nothing). */
export function deliveryObjectId(id: string): Types.ObjectId | null {
  return HEX_ID.test(id) ? new Types.ObjectId(id) : null;
}

export function toDeliveryDocument(d: Delivery): DeliveryDocument {
  const { notice } = d;
  return {
    _id: new Types.ObjectId(d.id),
    notice,
    state: d.state,
    attempts: d.attempts,
    history: [...d.history],
    nextAttemptAt: d.nextAttemptAt,
    lease: d.lease,
    message: d.message,
    messageId: d.messageId,
    reason: d.reason,
    digestId: d.digestId,
    readAt: d.readAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    sortKey: deliverySortKey(d),
    dueAt: dueAt(d),
    recipientKey: recipientKey(notice.recipient),
    eventIds: [...deliveryEventIds(d)],
    ticketId: deliveryTicket(d)?.id ?? null,
    inboxOf: inboxOwner(d),
  };
}

export function toDelivery(doc: DeliveryDocument): Delivery {
  return {
    id: doc._id.toHexString(),
    notice: doc.notice,
    state: doc.state,
    attempts: doc.attempts,
    history: doc.history,
    nextAttemptAt: doc.nextAttemptAt,
    lease: doc.lease,
    message: doc.message,
    messageId: doc.messageId,
    reason: doc.reason,
    digestId: doc.digestId,
    readAt: doc.readAt,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
