import type { HttpTargetOutcome } from '@itsm/platform/webhooks';
import { DEFAULT_WEBHOOK_DELIVERY_POLICY, retryAfterMs, webhookVerdict } from './webhook-delivery-policy';
import type { WebhookDeliveryPolicy } from './webhook-delivery-policy';

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const policy: WebhookDeliveryPolicy = { ...DEFAULT_WEBHOOK_DELIVERY_POLICY, backoff: { baseMs: 1_000, maxMs: 60_000, jitter: 0.5 }, maxAttempts: 5, maxRetryAfterMs: 600_000 };
const answer = (status: number, retryAfter: string | null = null, body = ''): HttpTargetOutcome => ({ kind: 'answer', answer: { status, retryAfter, body } });
const top = () => 0.999_999;
const bottom = () => 0;

describe('supplier webhook delivery policy', () => {
  it.each([200, 201, 202, 204, 299])('takes %i as delivered', (status) => {
    expect(webhookVerdict(answer(status), 1, policy, NOW)).toEqual({ kind: 'delivered' });
  });

  it.each([
    ['500', answer(500)],
    ['503', answer(503)],
    ['429', answer(429)],
    ['408', answer(408)],
    ['a timeout', { kind: 'timeout', timeoutMs: 15_000 } as const],
    ['an unreachable target', { kind: 'unreachable', detail: 'ECONNREFUSED' } as const],
    ['an open breaker', { kind: 'breaker_open', retryAfterMs: 0 } as const],
  ])('retries %s', (_label, outcome: HttpTargetOutcome) => {
    expect(webhookVerdict(outcome, 1, policy, NOW, bottom).kind).toBe('retry');
  });

  it.each([400, 401, 403, 404, 409, 410, 422, 301, 302])('dead-letters %i with the status and what the supplier said', (status) => {
    expect(webhookVerdict(answer(status, null, ' bad ticket '), 1, policy, NOW)).toEqual({ kind: 'dead', status, reason: `HTTP ${status}: bad ticket` });
  });

  it('dead-letters a private target at once: retrying cannot help', () => {
    expect(webhookVerdict({ kind: 'private_target', detail: 'x resolves to 10.0.0.1' }, 1, policy, NOW)).toMatchObject({ kind: 'dead', status: null });
  });

  it('backs off exponentially with half jitter, capped', () => {
    const delays = (random: () => number) => [1, 2, 3, 4].map((n) => (webhookVerdict(answer(500), n, { ...policy, maxAttempts: 10 }, NOW, random) as { afterMs: number }).afterMs);
    expect(delays(top)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(delays(bottom)).toEqual([500, 1_000, 2_000, 4_000]);
    expect((webhookVerdict(answer(500), 9, { ...policy, maxAttempts: 10 }, NOW, top) as { afterMs: number }).afterMs).toBe(60_000);
  });

  it('honours a longer Retry-After (seconds or a date), up to the cap; a shorter one waits the backoff', () => {
    expect(webhookVerdict(answer(429, '120'), 1, policy, NOW, top)).toMatchObject({ kind: 'retry', afterMs: 120_000, reason: 'HTTP 429' });
    expect(webhookVerdict(answer(503, new Date(NOW + 90_000).toUTCString()), 1, policy, NOW, top)).toMatchObject({ afterMs: 90_000 });
    expect(webhookVerdict(answer(503, '86400'), 1, policy, NOW, top)).toMatchObject({ afterMs: 600_000 });
    expect(webhookVerdict(answer(503, '0'), 2, policy, NOW, top)).toMatchObject({ afterMs: 2_000 });
    expect(webhookVerdict(answer(503, 'soon'), 1, policy, NOW, top)).toMatchObject({ afterMs: 1_000 });
  });

  it('gives up after maxAttempts, keeping the last reason', () => {
    expect(webhookVerdict(answer(500), 4, policy, NOW).kind).toBe('retry');
    expect(webhookVerdict(answer(502, null, 'bad gateway'), 5, policy, NOW)).toEqual({ kind: 'dead', status: 502, reason: 'gave up after 5 attempts: HTTP 502: bad gateway' });
    expect(webhookVerdict({ kind: 'timeout', timeoutMs: 15_000 }, 5, policy, NOW)).toEqual({ kind: 'dead', status: null, reason: 'gave up after 5 attempts: no answer within 15000 ms' });
  });

  it('reads Retry-After as seconds or an HTTP date, nothing else', () => {
    expect(retryAfterMs(null, NOW)).toBeNull();
    expect(retryAfterMs(' 30 ', NOW)).toBe(30_000);
    expect(retryAfterMs(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
    expect(retryAfterMs('-1', NOW)).toBeNull();
  });
});
