import { notificationError, NotificationErrorCode } from '../notification.errors';
import type { Notice, RenderedMessage } from '../notice';
import type { AttemptOutcome, Delivery, DeliveryLease } from './delivery';
import type { RetryPolicy } from './delivery-policy';

/**
 * What a claim records, decided before anything is sent: send now (under a lease), deliver in-app
 * (the inbox entry is the delivery), defer until an instant, hold in a digest, or suppress.
 */
export type ClaimDecision =
  | { readonly kind: 'send'; readonly message: RenderedMessage; readonly messageId: string; readonly lease: DeliveryLease }
  | { readonly kind: 'in_app'; readonly message: RenderedMessage }
  | { readonly kind: 'defer'; readonly until: number; readonly reason: string; readonly message: RenderedMessage; readonly messageId: string }
  | { readonly kind: 'digest'; readonly digestId: string }
  | { readonly kind: 'suppress'; readonly reason: string }
  /** Nothing can be sent (its template does not render for this recipient): failed at once, visible with why. */
  | { readonly kind: 'fail'; readonly reason: string };

/** The delivery a claim inserts (once, by `id`). */
export function claimedDelivery(id: string, notice: Notice, decision: ClaimDecision, now: number): Delivery {
  const base: Delivery = { id, notice, state: 'queued', attempts: 0, history: [], nextAttemptAt: null, lease: null, message: null, messageId: null, reason: null, digestId: null, readAt: null, createdAt: now, updatedAt: now };
  switch (decision.kind) {
    case 'send':
      return { ...base, state: 'sending', lease: decision.lease, message: decision.message, messageId: decision.messageId };
    case 'in_app':
      return { ...base, state: 'sent', message: decision.message, messageId: id, history: [{ at: now, outcome: 'sent', detail: 'in the inbox' }] };
    case 'defer':
      return { ...base, state: 'scheduled', nextAttemptAt: decision.until, message: decision.message, messageId: decision.messageId, reason: decision.reason };
    case 'digest':
      return { ...base, state: 'digested', digestId: decision.digestId, reason: `digest ${decision.digestId}` };
    case 'suppress':
      return { ...base, state: 'suppressed', reason: decision.reason };
    case 'fail':
      return { ...base, state: 'failed', reason: decision.reason, history: [{ at: now, outcome: 'failed', detail: decision.reason }] };
  }
}

/** Whether the sweeper may take `d` over at `now`: due (scheduled, retrying) or its sender's lease ran out. */
export function isDue(d: Delivery, now: number): boolean {
  const at = dueAt(d);
  return at !== null && at <= now;
}

/** What starting an attempt changes (a store applies it atomically to the delivery it takes). */
export function attemptStart(lease: DeliveryLease, now: number): Pick<Delivery, 'state' | 'lease' | 'nextAttemptAt' | 'updatedAt'> {
  return { state: 'sending', lease, nextAttemptAt: null, updatedAt: now };
}

/** Starts an attempt: the delivery is `sending` under `owner`'s lease (same message, same id). */
export function beginAttempt(d: Delivery, owner: string, now: number, policy: Pick<RetryPolicy, 'leaseMs'>): Delivery {
  if (!isDue(d, now)) throw notificationError(NotificationErrorCode.IllegalTransition, `delivery ${d.id} is ${d.state} and not due`, { deliveryId: d.id, state: d.state });
  return { ...d, ...attemptStart({ owner, until: now + policy.leaseMs }, now) };
}

/** When the sweeper should look at `d` next: due scheduled/retrying, an expired lease, a queued one at once; never for settled ones. */
export function dueAt(d: Delivery): number | null {
  switch (d.state) {
    case 'scheduled':
    case 'retrying':
      return d.nextAttemptAt;
    case 'sending':
      return d.lease?.until ?? d.updatedAt;
    case 'queued':
      return d.createdAt;
    case 'sent':
    case 'failed':
    case 'given_up':
    case 'digested':
    case 'suppressed':
      return null;
  }
}

/**
 * Records what an attempt came to: sent; retrying after the policy's delay (or the receiver's
 * Retry-After, whichever is later) unless the attempts or the age are used up (given up); failed.
 */
export function recordAttempt(d: Delivery, outcome: AttemptOutcome, now: number, policy: RetryPolicy): Delivery {
  if (d.state !== 'sending') throw notificationError(NotificationErrorCode.IllegalTransition, `delivery ${d.id} is ${d.state}, not sending`, { deliveryId: d.id, state: d.state });
  const attempts = d.attempts + 1;
  const settled = { ...d, attempts, lease: null, nextAttemptAt: null, updatedAt: now };
  switch (outcome.kind) {
    case 'sent':
      return { ...settled, state: 'sent', reason: null, history: [...d.history, { at: now, outcome: 'sent', detail: outcome.detail }] };
    case 'failed':
    case 'disabled':
      return { ...settled, state: 'failed', reason: outcome.reason, history: [...d.history, { at: now, outcome: outcome.kind, detail: outcome.reason }] };
    case 'retry': {
      const tried = [...d.history, { at: now, outcome: 'retry' as const, detail: outcome.reason }];
      if (attempts >= policy.maxAttempts || now - d.createdAt >= policy.maxAgeMs) {
        const why = attempts >= policy.maxAttempts ? `${attempts} attempts` : 'too old';
        return { ...settled, state: 'given_up', reason: `gave up after ${why}: ${outcome.reason}`, history: [...tried, { at: now, outcome: 'given_up', detail: why }] };
      }
      const delay = Math.max(policy.delayMs(attempts), outcome.afterMs ?? 0);
      return { ...settled, state: 'retrying', reason: outcome.reason, nextAttemptAt: now + delay, history: tried };
    }
  }
}

/**
 * A bounce for a sent mail: failed with the bounce's reason (`bounced 5.1.1: <diagnostic>`, as the
 * inbound classification words it); a failed delivery stays as it is (a second bounce).
 */
export function recordBounce(d: Delivery, reason: string, now: number): Delivery {
  if (d.state === 'failed') return d;
  if (d.state !== 'sent') throw notificationError(NotificationErrorCode.IllegalTransition, `delivery ${d.id} is ${d.state}: only a sent mail bounces`, { deliveryId: d.id, state: d.state });
  return { ...d, state: 'failed', reason, updatedAt: now, history: [...d.history, { at: now, outcome: 'bounced', detail: reason }] };
}
