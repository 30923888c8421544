import { encodeCursor, pageRequest } from '@itsm/platform/graphql';
import { notificationError, NotificationErrorCode, recipientKey } from '../domain';
import { deliveryEventIds, deliveryThreadTicket, deliveryTicket, lastOutcome } from '../domain/delivery';
import type { Delivery, DeliveryAttempt } from '../domain/delivery';
import { deliverySortKey } from '../application/delivery/delivery-store.port';
import type { DeliveryPageRequest } from '../application/delivery/delivery-store.port';
import type { InboxNotificationGql, NotificationDeliveryGql, NotificationDeliveryOutcomeGql } from './delivery.types';

const SORT_KEY = /^\d{15}:[0-9a-f]{24}$/;

/** `first`/`after` of a delivery list (`ninbox` the inbox's cursors, `ndlv` the admin list's). */
export function deliveryPage(namespace: 'ninbox' | 'ndlv', args: { readonly first: number; readonly after?: string | null }): DeliveryPageRequest {
  const request = pageRequest(args, {
    cursor: namespace,
    maxFirst: 200,
    parseKey: (key) => (SORT_KEY.test(key) ? key : undefined),
    invalid: (field, message) => notificationError(NotificationErrorCode.InvalidInput, message, { field }),
  });
  return { first: request.first, after: request.after ?? null };
}

export const inboxCursor = (d: Delivery): string => encodeCursor('ninbox', deliverySortKey(d));
export const deliveryCursor = (d: Delivery): string => encodeCursor('ndlv', deliverySortKey(d));

const dateOf = (at: number | null): Date | null => (at === null ? null : new Date(at));

/** An inbox entry: its ticket number and link only when every item is about that ticket (a digest across tickets names none of them; its text lists each). */
export function toInboxGql(d: Delivery): InboxNotificationGql {
  const ticket = deliveryThreadTicket(d);
  return {
    id: d.id,
    category: d.notice.category,
    urgent: d.notice.urgent,
    subject: d.message?.subject ?? '',
    text: d.message?.text ?? '',
    ticketNumber: ticket?.number ?? null,
    link: ticket?.link ?? null,
    itemCount: d.notice.items.length,
    createdAt: new Date(d.createdAt),
    read: d.readAt !== null,
    readAt: dateOf(d.readAt),
  };
}

const toOutcomeGql = (a: DeliveryAttempt): NotificationDeliveryOutcomeGql => ({ at: new Date(a.at), outcome: a.outcome, detail: a.detail });

export function toDeliveryGql(d: Delivery): NotificationDeliveryGql {
  const ticket = deliveryTicket(d);
  const last = lastOutcome(d);
  return {
    id: d.id,
    eventIds: [...deliveryEventIds(d)],
    ticketId: ticket?.id ?? null,
    ticketNumber: ticket?.number ?? null,
    recipient: recipientKey(d.notice.recipient),
    channel: d.notice.channel,
    category: d.notice.category,
    urgent: d.notice.urgent,
    state: d.state,
    attempts: d.attempts,
    lastOutcome: last === null ? null : toOutcomeGql(last),
    history: d.history.map(toOutcomeGql),
    reason: d.reason,
    nextAttemptAt: dateOf(d.nextAttemptAt),
    messageId: d.messageId,
    createdAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
  };
}
