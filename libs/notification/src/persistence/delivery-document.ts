import { Types } from 'mongoose';
import { recipientKey } from '../domain';
import type { Notice, RenderedMessage } from '../domain';
import { deliveryEventIds, deliveryTicket, dueAt } from '../domain/delivery';
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
  /** The person whose in-app inbox holds it; null on other channels. */
  inboxOf: string | null;
}

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
    inboxOf: notice.channel === 'in_app' && notice.recipient.kind === 'person' ? notice.recipient.personId : null,
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
