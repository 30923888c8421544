import { NotificationErrorCode } from '../notification.errors';
import { addSecret, BROKEN_SPAN_MS, disableEndpoint, enableEndpoint, endpointContact, isWebhookSecret, recordDelivered, recordGone, retireSecret } from './notification-endpoint';
import type { NotificationEndpoint } from './notification-endpoint';

const T0 = Date.UTC(2030, 0, 1);
const SECRET_A = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SECRET_B = `whsec_${'A'.repeat(43)}=`;
const hook: NotificationEndpoint = { id: 'ops', name: 'Ops', channel: 'webhook', url: 'https://ops.example.com/hook', secrets: [{ id: 's1', secret: SECRET_A, createdAt: T0 }], state: { kind: 'active' }, broken: null, owner: 'ops.lead', contact: 'ops@example.com' };
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
    let decided = recordGone(slack, 'HTTP 404', T0);
    decided = recordGone(decided.endpoint, 'HTTP 404', T0 + 60_000);
    decided = recordGone(decided.endpoint, 'HTTP 404', T0 + 120_000);
    expect(decided.endpoint.state.kind).toBe('active');
    expect(decided.endpoint.broken).toEqual({ count: 3, since: T0 });
    expect(decided.events).toEqual([]);
    decided = recordGone(decided.endpoint, 'HTTP 404: no_service', T0 + BROKEN_SPAN_MS);
    expect(decided.endpoint.state).toEqual({ kind: 'disabled', reason: 'HTTP 404: no_service', at: T0 + BROKEN_SPAN_MS });
    expect(decided.events.map((e) => [e.type, e.data.by, e.data.channel])).toEqual([['itsm.notification.endpoint-disabled.v1', 'system', 'slack']]);
    expect(enableEndpoint(decided.endpoint)).toMatchObject({ state: { kind: 'active' }, broken: null });
  });

  it('starts a new run after a delivered message', () => {
    const twice = recordGone(recordGone(slack, 'HTTP 404', T0).endpoint, 'HTTP 404', T0 + 1).endpoint;
    const after = recordGone(recordGone(recordDelivered(twice), 'HTTP 404', T0 + BROKEN_SPAN_MS).endpoint, 'HTTP 404', T0 + BROKEN_SPAN_MS + 1).endpoint;
    expect(after.state.kind).toBe('active');
    expect(after.broken).toEqual({ count: 2, since: T0 + BROKEN_SPAN_MS });
  });

  it('disabling decides one endpoint-disabled event naming the owner and contact; disabling a disabled one decides none; enabled again, it decides again', () => {
    const first = disableEndpoint(hook, 'HTTP 410', 'system', T0);
    expect(first.endpoint.state).toEqual({ kind: 'disabled', reason: 'HTTP 410', at: T0 });
    expect(first.events).toEqual([
      { type: 'itsm.notification.endpoint-disabled.v1', data: { endpointId: 'ops', name: 'Ops', channel: 'webhook', reason: 'HTTP 410', ownerUserName: 'ops.lead', contact: 'ops@example.com', by: 'system', at: new Date(T0).toISOString() } },
    ]);
    const again = disableEndpoint(first.endpoint, 'HTTP 410', 'system', T0 + 1);
    expect(again).toEqual({ endpoint: first.endpoint, events: [] });
    const reenabled = disableEndpoint(enableEndpoint(first.endpoint), 'disabled by admin', 'admin', T0 + 2);
    expect(reenabled.events.map((e) => [e.data.reason, e.data.by, e.data.at])).toEqual([['disabled by admin', 'admin', new Date(T0 + 2).toISOString()]]);
    expect(disableEndpoint({ ...hook, owner: null, contact: null }, 'HTTP 410', 'system', T0).events[0]?.data).toMatchObject({ ownerUserName: null, contact: null });
  });

  it('takes a contact mail address (trimmed; blank is none) and refuses anything else with a code', () => {
    expect([endpointContact(' team@example.com '), endpointContact(''), endpointContact(null)]).toEqual(['team@example.com', null, null]);
    expect(['no-at-sign', 'a b@example.com', 'x@localhost', `${'a'.repeat(250)}@example.com`].map((text) => codeOf(() => endpointContact(text)))).toEqual(Array(4).fill(NotificationErrorCode.InvalidInput));
  });
});
