import { NotificationErrorCode } from '../notification.errors';
import { addSecret, BROKEN_SPAN_MS, enableEndpoint, isWebhookSecret, recordDelivered, recordGone, retireSecret } from './notification-endpoint';
import type { NotificationEndpoint } from './notification-endpoint';

const T0 = Date.UTC(2030, 0, 1);
const SECRET_A = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SECRET_B = `whsec_${'A'.repeat(43)}=`;
const hook: NotificationEndpoint = { id: 'ops', name: 'Ops', channel: 'webhook', url: 'https://ops.example.com/hook', secrets: [{ id: 's1', secret: SECRET_A, createdAt: T0 }], state: { kind: 'active' }, broken: null };
const slack: NotificationEndpoint = { ...hook, id: 'chat', channel: 'slack', secrets: [] };
const codeOf = (act: () => unknown): unknown => {
  try {
    act();
  } catch (error) {
    return (error as { code: unknown }).code;
  }
  return 'accepted';
};

describe('a notification endpoint', () => {
  it('knows a Standard Webhooks secret (24-64 bytes, base64 after whsec_)', () => {
    expect([SECRET_A, SECRET_B].map(isWebhookSecret)).toEqual([true, true]);
    expect(['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_c2hvcnQ=', `whsec_${'A'.repeat(90)}`, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!'].map(isWebhookSecret)).toEqual([false, false, false, false]);
  });

  it('rotates: two secrets during the overlap, a third refused, the old retired, the last kept', () => {
    const rotated = addSecret(hook, SECRET_B, T0 + 1);
    expect(rotated.secrets.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(codeOf(() => addSecret(rotated, SECRET_A, T0 + 2))).toBe(NotificationErrorCode.IllegalTransition);
    const retired = retireSecret(rotated, 's1');
    expect(retired.secrets.map((s) => s.id)).toEqual(['s2']);
    expect(addSecret(retired, SECRET_A, T0 + 3).secrets.map((s) => s.id)).toEqual(['s2', 's3']);
    expect(codeOf(() => retireSecret(retired, 's2'))).toBe(NotificationErrorCode.IllegalTransition);
    expect(codeOf(() => retireSecret(retired, 's9'))).toBe(NotificationErrorCode.NotFound);
    expect(codeOf(() => addSecret(slack, SECRET_B, T0))).toBe(NotificationErrorCode.InvalidInput);
  });

  it('disables a chat webhook after three "gone" answers in a row over at least an hour, not sooner', () => {
    let endpoint = recordGone(slack, 'HTTP 404', T0);
    endpoint = recordGone(endpoint, 'HTTP 404', T0 + 60_000);
    endpoint = recordGone(endpoint, 'HTTP 404', T0 + 120_000);
    expect(endpoint.state.kind).toBe('active');
    expect(endpoint.broken).toEqual({ count: 3, since: T0 });
    endpoint = recordGone(endpoint, 'HTTP 404: no_service', T0 + BROKEN_SPAN_MS);
    expect(endpoint.state).toEqual({ kind: 'disabled', reason: 'HTTP 404: no_service', at: T0 + BROKEN_SPAN_MS });
    expect(enableEndpoint(endpoint)).toMatchObject({ state: { kind: 'active' }, broken: null });
  });

  it('starts a new run after a delivered message', () => {
    const twice = recordGone(recordGone(slack, 'HTTP 404', T0), 'HTTP 404', T0 + 1);
    const after = recordGone(recordGone(recordDelivered(twice), 'HTTP 404', T0 + BROKEN_SPAN_MS), 'HTTP 404', T0 + BROKEN_SPAN_MS + 1);
    expect(after.state.kind).toBe('active');
    expect(after.broken).toEqual({ count: 2, since: T0 + BROKEN_SPAN_MS });
  });
});
