import type { Channel, Notice, NotificationCategory, Recipient, RenderedMessage, TicketRef } from '../notice';

/**
 * Where a delivery stands: `queued` (claimed, not yet tried), `sending` (an attempt under a lease),
 * `sent`, `retrying` (a transient failure; tried again at `nextAttemptAt`), `failed` (refused for
 * good: a 5xx, a bounce), `given_up` (retries exhausted or too old), `scheduled` (deferred until an
 * instant: quiet hours, a rate window), `digested` (held in a digest), `suppressed` (not delivered, why).
 */
export const DELIVERY_STATES = ['queued', 'sending', 'sent', 'retrying', 'failed', 'given_up', 'scheduled', 'digested', 'suppressed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** What one attempt came to (a channel's answer; an endpoint sender's outcome has the same shape). */
export type AttemptOutcome =
  | { readonly kind: 'sent'; readonly detail: string }
  | { readonly kind: 'retry'; readonly reason: string; readonly afterMs: number | null }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'disabled'; readonly reason: string };

/** One line of a delivery's history: an attempt's outcome, or a decision (scheduled, bounced). */
export interface DeliveryAttempt {
  readonly at: number;
  readonly outcome: AttemptOutcome['kind'] | 'given_up' | 'bounced';
  readonly detail: string;
}

/** Who holds a `sending` delivery and until when: after `until` the sweeper takes it over. */
export interface DeliveryLease {
  readonly owner: string;
  readonly until: number;
}

/**
 * One notice's delivery to one recipient on one channel: claimed once by `id`
 * (`deliveryId(key, recipient, channel)`), with the message rendered at claim time so every attempt
 * (and a takeover after a crash) sends the same content under the same message id.
 */
export interface Delivery {
  readonly id: string;
  readonly notice: Notice;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly history: readonly DeliveryAttempt[];
  /** When a `scheduled` or `retrying` delivery is due; null otherwise. */
  readonly nextAttemptAt: number | null;
  readonly lease: DeliveryLease | null;
  /** What the recipient gets; null while digested or suppressed. */
  readonly message: RenderedMessage | null;
  /** The mail's Message-ID or the webhook's `webhook-id`: the same on every attempt. */
  readonly messageId: string | null;
  /** Why it is suppressed, failed or given up, or the digest it is held in. */
  readonly reason: string | null;
  readonly digestId: string | null;
  /** When the recipient read it (in-app inbox), or null. */
  readonly readAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export const deliveryKey = (d: Delivery): string => d.notice.key;
export const deliveryRecipient = (d: Delivery): Recipient => d.notice.recipient;
export const deliveryChannel = (d: Delivery): Channel => d.notice.channel;
export const deliveryCategory = (d: Delivery): NotificationCategory => d.notice.category;
/** The events the notice reports, in order (a digest reports many). */
export const deliveryEventIds = (d: Delivery): readonly string[] => d.notice.items.map((item) => item.event.id);
/** The ticket the notice is about (its first item's), or null. */
export const deliveryTicket = (d: Delivery): TicketRef | null => d.notice.items[0]?.ticket ?? null;
/**
 * The ticket a message of `d` threads into and takes replies for: the one every item is about, else
 * null (a digest across tickets is no message about its first item's ticket: a reply to it must not
 * become a comment there).
 */
export function deliveryThreadTicket(d: Delivery): TicketRef | null {
  const first = deliveryTicket(d);
  return first !== null && d.notice.items.every(({ ticket }) => ticket.topic === first.topic && ticket.id === first.id) ? first : null;
}
/** The last attempt's or decision's line, or null before any. */
export const lastOutcome = (d: Delivery): DeliveryAttempt | null => d.history.at(-1) ?? null;

/** Whether a delivery in `state` will change no more on its own (only a bounce turns `sent` into `failed`). */
export function isSettled(state: DeliveryState): boolean {
  return state === 'sent' || state === 'failed' || state === 'given_up' || state === 'digested' || state === 'suppressed';
}

/**
 * The person whose in-app inbox holds `d`, or null: an in-app delivery to a person that was
 * delivered (at once, or when what deferred it ended). One deferred, suppressed, digested (the digest
 * is its own entry) or failed is in nobody's inbox.
 */
export function inboxOwner(d: Delivery): string | null {
  return d.notice.channel === 'in_app' && d.notice.recipient.kind === 'person' && d.state === 'sent' ? d.notice.recipient.personId : null;
}

/** What `itsm.notification.in-app-delivered.v1` says of an inbox entry: whose it is and its category, never its text. */
export interface InboxArrival {
  readonly deliveryId: string;
  readonly personId: string;
  readonly userName: string | null;
  readonly category: NotificationCategory;
  readonly urgent: boolean;
  readonly at: string;
}

/** The arrival `d` announces when a write makes it an inbox entry (it was not one before), or null. */
export function inboxArrival(d: Delivery): InboxArrival | null {
  const personId = inboxOwner(d);
  if (personId === null || d.notice.recipient.kind !== 'person') return null;
  return { deliveryId: d.id, personId, userName: d.notice.recipient.userName ?? null, category: d.notice.category, urgent: d.notice.urgent, at: new Date(d.updatedAt).toISOString() };
}
