import type { EndpointChannel } from '../notice';

/** What an endpoint answered: the status, its Retry-After header and the start of its body. */
export interface EndpointAnswer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: string;
}

/**
 * What an answer means for the delivery and the endpoint: `sent`; `retry` later (after `afterMs` when
 * the endpoint said); `failed` for good; `disabled` (410 Gone: the endpoint is switched off at once);
 * `gone` (a chat webhook's 404 or revoked token: one more in the endpoint's broken run, the delivery failed).
 */
export type EndpointVerdict =
  | { readonly kind: 'sent'; readonly detail: string }
  | { readonly kind: 'retry'; readonly reason: string; readonly afterMs: number | null }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'disabled'; readonly reason: string }
  | { readonly kind: 'gone'; readonly reason: string };

/** The longest wait a Retry-After may ask for; a later one is capped (the delivery's own backoff goes on from there). */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** Slack's answers (body text) that mean the webhook itself is gone: revoked, app removed, workspace or channel gone. */
const SLACK_GONE: ReadonlySet<string> = new Set(['no_service', 'no_service_id', 'invalid_token', 'no_team', 'team_disabled', 'channel_not_found', 'user_not_found']);

/**
 * Retry-After as delay in ms from `now` (RFC 9110 §10.2.3: delay-seconds or an HTTP date), within
 * [0, MAX_RETRY_AFTER_MS]; null when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  const at = /^\d+$/.test(text) ? now + Number(text) * 1000 : /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now));
}

/** Classifies an answer of a Standard Webhooks, Slack or Teams endpoint (research §2, §4). */
export function verdictOf(channel: EndpointChannel, answer: EndpointAnswer, now: number): EndpointVerdict {
  const { status } = answer;
  const said = answer.body.trim().slice(0, 200);
  const http = `HTTP ${status}${said === '' ? '' : `: ${said}`}`;
  if (status >= 200 && status < 300) return { kind: 'sent', detail: `HTTP ${status}` };
  if (status >= 300 && status < 400) return { kind: 'failed', reason: `redirect not followed (${http})` };
  if (status === 410) return { kind: 'disabled', reason: `gone (${http})` };
  if (status === 429 || status === 408 || status >= 500) return { kind: 'retry', reason: http, afterMs: retryAfterMs(answer.retryAfter, now) };
  if (channel !== 'webhook' && (status === 404 || (channel === 'slack' && SLACK_GONE.has(said)))) return { kind: 'gone', reason: http };
  return { kind: 'failed', reason: http };
}
