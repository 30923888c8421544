import type { RenderedMessage } from '../notice';
import { specNotice } from './test-fixtures/spec-notice';
import { beginAttempt, claimedDelivery, isDue, recordAttempt, recordBounce } from './delivery-transitions';
import type { RetryPolicy } from './delivery-policy';
import { NotificationErrorCode } from '../notification.errors';

const T0 = 1_000_000;
const message: RenderedMessage = { locale: 'en', subject: 'S', text: 'T', html: null };
const notice = specNotice();
const policy: RetryPolicy = { maxAttempts: 3, maxAgeMs: 60_000, leaseMs: 5_000, delayMs: (retry) => 1_000 * retry };
const sending = () => claimedDelivery('d1', notice, { kind: 'send', message, messageId: '<d.d1@x>', lease: { owner: 'a', until: T0 + 5_000 } }, T0);

describe('delivery transitions', () => {
  it('claims a send under a lease, taken over only once the lease has run out', () => {
    const d = sending();
    expect(d).toMatchObject({ state: 'sending', attempts: 0, messageId: '<d.d1@x>', message });
    expect(isDue(d, T0 + 4_999)).toBe(false);
    expect(isDue(d, T0 + 5_000)).toBe(true);
    expect(() => beginAttempt(d, 'b', T0 + 1, policy)).toThrow(expect.objectContaining({ code: NotificationErrorCode.IllegalTransition }));
    const taken = beginAttempt(d, 'b', T0 + 5_000, policy);
    expect(taken).toMatchObject({ state: 'sending', lease: { owner: 'b', until: T0 + 10_000 }, messageId: '<d.d1@x>', message });
  });

  it('retries after the policy delay or the receiver\'s Retry-After, whichever is later, then gives up after max attempts', () => {
    let d = recordAttempt(sending(), { kind: 'retry', reason: '451 try later', afterMs: null }, T0 + 10, policy);
    expect(d).toMatchObject({ state: 'retrying', attempts: 1, nextAttemptAt: T0 + 1_010, lease: null, reason: '451 try later' });
    d = recordAttempt(beginAttempt(d, 'a', T0 + 1_010, policy), { kind: 'retry', reason: '429', afterMs: 9_000 }, T0 + 1_020, policy);
    expect(d).toMatchObject({ state: 'retrying', attempts: 2, nextAttemptAt: T0 + 10_020 });
    d = recordAttempt(beginAttempt(d, 'a', T0 + 10_020, policy), { kind: 'retry', reason: 'timeout', afterMs: null }, T0 + 10_030, policy);
    expect(d).toMatchObject({ state: 'given_up', attempts: 3, nextAttemptAt: null, reason: 'gave up after 3 attempts: timeout' });
    expect(d.history.map((h) => h.outcome)).toEqual(['retry', 'retry', 'retry', 'given_up']);
  });

  it('gives up a delivery older than the max age even with attempts left', () => {
    const d = recordAttempt(sending(), { kind: 'retry', reason: 'down', afterMs: null }, T0 + 60_000, policy);
    expect(d).toMatchObject({ state: 'given_up', reason: 'gave up after too old: down' });
  });

  it('records sent and failed for good, and a bounce only on a sent mail (a second bounce changes nothing)', () => {
    const sent = recordAttempt(sending(), { kind: 'sent', detail: '250 ok' }, T0 + 1, policy);
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, lease: null });
    const bounced = recordBounce(sent, 'bounced 5.1.1: 550 user unknown', T0 + 2);
    expect(bounced).toMatchObject({ state: 'failed', reason: 'bounced 5.1.1: 550 user unknown' });
    expect(recordBounce(bounced, 'bounced 5.2.2', T0 + 3)).toBe(bounced);
    expect(recordAttempt(sending(), { kind: 'failed', reason: '550 no such user' }, T0 + 1, policy)).toMatchObject({ state: 'failed', reason: '550 no such user' });
    expect(() => recordBounce(sending(), 'x', T0)).toThrow(expect.objectContaining({ code: NotificationErrorCode.IllegalTransition }));
    expect(() => recordAttempt(sent, { kind: 'sent', detail: 'again' }, T0 + 5, policy)).toThrow(expect.objectContaining({ code: NotificationErrorCode.IllegalTransition }));
  });

  it('records in-app as sent at once, a deferral as scheduled until its instant, digests and suppressions as settled', () => {
    expect(claimedDelivery('d2', { ...notice, channel: 'in_app' }, { kind: 'in_app', message }, T0)).toMatchObject({ state: 'sent', readAt: null, message });
    const deferred = claimedDelivery('d3', notice, { kind: 'defer', until: T0 + 3_600_000, reason: 'quiet_hours', message, messageId: '<d.d3@x>' }, T0);
    expect(deferred).toMatchObject({ state: 'scheduled', nextAttemptAt: T0 + 3_600_000, reason: 'quiet_hours' });
    expect(isDue(deferred, T0 + 3_599_999)).toBe(false);
    expect(beginAttempt(deferred, 'a', T0 + 3_600_000, policy)).toMatchObject({ state: 'sending', messageId: '<d.d3@x>' });
    expect(claimedDelivery('d4', notice, { kind: 'digest', digestId: 'dg-1' }, T0)).toMatchObject({ state: 'digested', digestId: 'dg-1' });
    const suppressed = claimedDelivery('d5', notice, { kind: 'suppress', reason: 'preference_off' }, T0);
    expect(suppressed).toMatchObject({ state: 'suppressed', reason: 'preference_off' });
    expect(isDue(suppressed, T0 + 10 ** 9)).toBe(false);
  });
});
