import { backoffDelayMs } from '@itsm/platform/resilience';
import type { BackoffPolicy } from '@itsm/platform/resilience';
import type { HttpTargetOutcome, HttpTargetPolicy } from '@itsm/platform/webhooks';

/** How supplier webhooks are delivered: the call's bounds (per-supplier breaker, timeout) and the retry schedule. */
export interface WebhookDeliveryPolicy {
  readonly http: HttpTargetPolicy;
  /** Delay before retry n: capped exponential with jitter (the platform's backoff). */
  readonly backoff: BackoffPolicy;
  /** An event still refused after this many attempts is dead-lettered. */
  readonly maxAttempts: number;
  /** A Retry-After longer than this is cut to it (a supplier cannot park its queue for days). */
  readonly maxRetryAfterMs: number;
  /** How often a replica looks for due deliveries. */
  readonly pollMs: number;
}

/**
 * Standard Webhooks' spirit: 15 s per call; retries from 5 s doubling to an hour (half jitter);
 * 20 attempts (about 13 hours); a supplier failing half of 5+ calls in a minute rests 30 s.
 */
export const DEFAULT_WEBHOOK_DELIVERY_POLICY: WebhookDeliveryPolicy = {
  http: { timeoutMs: 15_000, breaker: { errorThresholdPercentage: 50, volumeThreshold: 5, rollingCountTimeoutMs: 60_000, rollingCountBuckets: 6, resetTimeoutMs: 30_000 } },
  backoff: { baseMs: 5_000, maxMs: 3_600_000, jitter: 0.5 },
  maxAttempts: 20,
  maxRetryAfterMs: 3_600_000,
  pollMs: 1_000,
};

/** What one attempt means: accepted, try the same event again later, or give it up (dead-lettered with the reason). */
export type WebhookVerdict =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'retry'; readonly afterMs: number; readonly reason: string }
  | { readonly kind: 'dead'; readonly status: number | null; readonly reason: string };

/** Statuses worth retrying besides 5xx: the supplier asked us to slow down or timed out reading. */
const RETRYABLE_4XX = new Set([408, 429]);

/** A Retry-After header in ms from `now` (delta seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1_000;
  // An HTTP date starts with the day's name (`Sun, 06 Nov 1994 08:49:37 GMT`); Date.parse alone takes `-1` as a year.
  const at = /^[A-Za-z]{3}, /.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Why no answer came, or null for an answer. */
function noAnswer(outcome: HttpTargetOutcome): string | null {
  switch (outcome.kind) {
    case 'answer':
      return null;
    case 'breaker_open':
      return 'breaker open';
    case 'timeout':
      return `no answer within ${outcome.timeoutMs} ms`;
    case 'unreachable':
      return `unreachable: ${outcome.detail}`;
    case 'private_target':
      return outcome.detail;
  }
}

/**
 * The verdict on attempt number `attempt` (1 = the first) of one event: 2xx delivered; 5xx, 408,
 * 429, a timeout, an unreachable target or an open breaker retried after the backoff (or the
 * supplier's Retry-After when longer, up to the cap), until `maxAttempts`; any other status (a 4xx,
 * an unfollowed redirect) and a private target are dead: retrying will not change the answer.
 */
export function webhookVerdict(outcome: HttpTargetOutcome, attempt: number, policy: WebhookDeliveryPolicy, now: number, random: () => number = Math.random): WebhookVerdict {
  const retry = (reason: string, asked: number | null): WebhookVerdict => {
    if (attempt >= policy.maxAttempts) return { kind: 'dead', status: outcome.kind === 'answer' ? outcome.answer.status : null, reason: `gave up after ${attempt} attempts: ${reason}` };
    const backoff = backoffDelayMs(policy.backoff, attempt, random);
    return { kind: 'retry', afterMs: Math.max(backoff, Math.min(asked ?? 0, policy.maxRetryAfterMs)), reason };
  };
  if (outcome.kind === 'private_target') return { kind: 'dead', status: null, reason: `private target refused: ${outcome.detail}` };
  const missing = noAnswer(outcome);
  if (missing !== null || outcome.kind !== 'answer') return retry(missing ?? outcome.kind, outcome.kind === 'breaker_open' ? outcome.retryAfterMs : null);
  const { status, body, retryAfter } = outcome.answer;
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  const said = body.trim().slice(0, 200);
  const reason = `HTTP ${status}${said === '' ? '' : `: ${said}`}`;
  if (status >= 500 || RETRYABLE_4XX.has(status)) return retry(reason, retryAfterMs(retryAfter, now));
  return { kind: 'dead', status, reason };
}
