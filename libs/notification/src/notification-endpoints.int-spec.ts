import { WebhookReceiver } from '@itsm/testing';
import { EndpointSender } from './application/ports/endpoint-sender.port';
import type { EndpointMessage } from './application/ports/endpoint-sender.port';
import { ActiveEndpoints } from './application/ports/endpoint-store.port';
import { deliveryId } from './application/delivery-id';
import { NotificationErrorCode } from './domain';
import type { EndpointChannel, Notice } from './domain';
import { bootNotificationContext } from './test-fixtures/booted-notification-context';
import type { BootedNotificationContext } from './test-fixtures/booted-notification-context';

interface Saved { readonly endpoint: { readonly id: string; readonly secrets: readonly { readonly id: string }[] }; readonly secret: string | null }
const SAVE = 'mutation($input: NotificationEndpointInput!, $id: ID) { saveNotificationEndpoint(input: $input, id: $id) { endpoint { id secrets { id } } secret } }';
const ROTATE = 'mutation($id: ID!) { rotateWebhookSecret(endpointId: $id) { endpoint { id secrets { id } } secret } }';
const RETIRE = 'mutation($id: ID!, $secretId: ID!) { retireWebhookSecret(endpointId: $id, secretId: $secretId) { secrets { id } } }';
const TEST = 'mutation($id: ID!) { testNotificationEndpoint(id: $id) { outcome detail retryAfterMs } }';
const LIST = 'query { notificationEndpoints(first: 50) { edges { node { id name channel target enabled disabledReason goneAnswers secrets { id createdAt } } } } }';

const ticket = { topic: 'itsm.incident.v1', id: 'i-7', number: 'INC0000007', title: 'VPN down', link: 'https://portal.itsm.test/incidents/i-7', rootId: 'i-7' };
const event = { id: 'e-7', topic: 'itsm.incident.v1', type: 'incident.assigned', source: '/incident', subject: 'i-7', sequence: 2, time: '2030-02-01T10:00:00.000Z', data: {}, actorId: null, causationId: null, correlationId: null };

/**
 * Webhook, Slack and Teams endpoints on the peers, against a real HTTP receiver that verifies
 * signatures with the standardwebhooks reference library: admins configure endpoints through GraphQL
 * (secrets shown once), the context's EndpointSender signs, rotates, retries, opens an endpoint's
 * breaker, and a 410 switches the endpoint off in storage.
 */
describe('notification endpoints on the peers', () => {
  let booted: BootedNotificationContext;
  const receivers: WebhookReceiver[] = [];
  const receiver = async (secret: string | null): Promise<WebhookReceiver> => {
    const started = await WebhookReceiver.start(secret);
    receivers.push(started);
    return started;
  };
  const save = (input: { name: string; channel: EndpointChannel; url: string }, id: string | null = null) => booted.ok<Saved>('n-admin', SAVE, { input, id });
  const message = (endpointId: string, channel: EndpointChannel, key = 'e-7'): EndpointMessage => {
    const notice: Notice = { key, recipient: { kind: 'endpoint', endpointId }, channel, category: 'assignment', urgent: false, templateId: 'assigned', items: [{ ruleId: 'r-1', templateId: 'assigned', event: { ...event, id: key }, ticket }] };
    return { deliveryId: deliveryId(key, notice.recipient, channel), attempt: 1, endpointId, channel, notice, message: { locale: 'en', subject: 'INC0000007 assigned to Network', text: 'VPN down <P1> & more', html: null } };
  };
  const send = (m: EndpointMessage) => booted.app.get(EndpointSender).send(m, Date.now());
  /** A webhook endpoint pointing at a receiver holding its first secret. */
  const webhook = async (name: string): Promise<{ id: string; secret: string; hook: WebhookReceiver }> => {
    const created = await save({ name, channel: 'webhook', url: 'http://127.0.0.1:9/nowhere' });
    const hook = await receiver(created.secret);
    await save({ name, channel: 'webhook', url: hook.url() }, created.endpoint.id);
    return { id: created.endpoint.id, secret: created.secret ?? '', hook };
  };

  beforeAll(async () => {
    booted = await bootNotificationContext();
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await booted.close();
  });

  it('delivers a signed webhook the reference library verifies, with the same webhook-id on a repeat', async () => {
    const { id, secret, hook } = await webhook('Ops bridge');
    expect(secret).toMatch(/^whsec_/);
    const m = message(id, 'webhook');
    await expect(send(m)).resolves.toEqual({ kind: 'sent', detail: 'HTTP 200' });
    await expect(send({ ...m, attempt: 2 })).resolves.toMatchObject({ kind: 'sent' });
    expect(hook.verified.map((r) => r.id)).toEqual([`msg_${m.deliveryId}`, `msg_${m.deliveryId}`]);
    const body = JSON.parse(hook.verified[0]?.body ?? '{}') as { type: string; data: { subject: string; ticket: unknown; items: unknown[] } };
    expect(body).toMatchObject({ type: 'itsm.notification', data: { subject: 'INC0000007 assigned to Network', ticket, items: [{ eventId: 'e-7', eventType: 'incident.assigned' }] } });
  });

  it('signs with both secrets during a rotation, then only with the new one once the old is retired', async () => {
    const { id, hook: old } = await webhook('Rotating');
    const rotated = await booted.ok<Saved>('n-admin', ROTATE, { id });
    expect(rotated.endpoint.secrets.map((s) => s.id)).toEqual(['s1', 's2']);
    const fresh = await receiver(rotated.secret);
    await expect(send(message(id, 'webhook', 'r-1'))).resolves.toMatchObject({ kind: 'sent' });
    expect(old.verified[0]?.signature?.split(' ')).toHaveLength(2);
    await save({ name: 'Rotating', channel: 'webhook', url: fresh.url() }, id);
    await expect(send(message(id, 'webhook', 'r-2'))).resolves.toMatchObject({ kind: 'sent' });
    expect(fresh.verified).toHaveLength(1);
    await booted.ok('n-admin', RETIRE, { id, secretId: 's1' });
    await save({ name: 'Rotating', channel: 'webhook', url: old.url() }, id);
    await expect(send(message(id, 'webhook', 'r-3'))).resolves.toEqual({ kind: 'failed', reason: 'HTTP 401: no' });
    expect(old.received.at(-1)?.verified).toBe(false);
  });

  it('retries a 500 then delivers; opens the breaker after repeated failures and refuses fast without calling', async () => {
    const { id, hook } = await webhook('Flaky');
    hook.answer(500);
    await expect(send(message(id, 'webhook', 'f-1'))).resolves.toEqual({ kind: 'retry', reason: 'HTTP 500: no', afterMs: null });
    await expect(send(message(id, 'webhook', 'f-1'))).resolves.toMatchObject({ kind: 'sent' });
    hook.answer(500, 500, 500, 500, 500);
    for (let i = 0; i < 5; i++) await send(message(id, 'webhook', `f-${i + 2}`));
    const calls = hook.received.length;
    const started = Date.now();
    await expect(send(message(id, 'webhook', 'f-9'))).resolves.toMatchObject({ kind: 'retry', reason: 'breaker open' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(hook.received).toHaveLength(calls);
  });

  it('disables an endpoint answering 410 in storage (a test message through GraphQL), and enables it again', async () => {
    const { id, hook } = await webhook('Gone');
    hook.answer(410);
    await expect(booted.ok('n-admin', TEST, { id })).resolves.toEqual({ outcome: 'disabled', detail: 'gone (HTTP 410: no)', retryAfterMs: null });
    await expect(booted.app.get(ActiveEndpoints).isActive(id)).resolves.toBe(false);
    const listed = await booted.ok<{ edges: { node: { id: string; enabled: boolean; disabledReason: string } }[] }>('n-admin', LIST);
    expect(listed.edges.find((e) => e.node.id === id)?.node).toMatchObject({ enabled: false, disabledReason: 'gone (HTTP 410: no)' });
    await expect(send(message(id, 'webhook', 'g-2'))).resolves.toMatchObject({ kind: 'disabled' });
    expect(hook.received).toHaveLength(1);
    await booted.ok('n-admin', 'mutation($id: ID!) { enableNotificationEndpoint(id: $id) { enabled } }', { id });
    await expect(booted.app.get(ActiveEndpoints).isActive(id)).resolves.toBe(true);
  });

  it('posts Slack and Teams bodies as the receiver gets them', async () => {
    const chat = await receiver(null);
    const slack = await save({ name: 'Slack #ops', channel: 'slack', url: chat.url('/slack') });
    const teams = await save({ name: 'Teams Ops', channel: 'teams', url: chat.url('/teams') });
    expect([slack.secret, teams.secret]).toEqual([null, null]);
    await expect(send(message(slack.endpoint.id, 'slack'))).resolves.toMatchObject({ kind: 'sent' });
    await expect(send(message(teams.endpoint.id, 'teams'))).resolves.toMatchObject({ kind: 'sent' });
    const [s, t] = chat.received;
    expect(s?.path).toBe('/slack');
    expect(s?.signature).toBeNull();
    expect(JSON.parse(s?.body ?? '{}')).toEqual({ text: 'INC0000007 assigned to Network\nVPN down <P1> & more', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*<${ticket.link}|INC0000007 assigned to Network>*\nVPN down &lt;P1&gt; &amp; more` } }] });
    expect(JSON.parse(t?.body ?? '{}')).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.4', actions: [{ type: 'Action.OpenUrl', url: ticket.link }] } }] });
  });

  it('never shows a secret after issuing it, and only to notification admins', async () => {
    const text = JSON.stringify(await booted.ok('n-admin', LIST));
    expect(text).not.toContain('whsec_');
    expect(text).not.toContain('/slack');
    expect((await booted.as('n-agent', LIST)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('notification endpoints where private targets are not allowed', () => {
  let booted: BootedNotificationContext;
  beforeAll(async () => {
    booted = await bootNotificationContext({ directory: false, settings: { allowPrivateTargets: false } });
  });
  afterAll(() => booted.close());

  it.each(['http://127.0.0.1:8080/hook', 'https://127.0.0.1/hook', 'https://10.0.0.8/hook', 'https://localhost/hook', 'https://[::1]/hook', 'https://user:pw@hooks.example.com/x'])('refuses %s with NOTIFICATION.INVALID_ENDPOINT, saving nothing', async (url) => {
    const answer = await booted.as('n-admin', SAVE, { input: { name: 'Private', channel: 'webhook', url } });
    expect(answer.errors?.[0]?.extensions?.['code']).toBe(NotificationErrorCode.InvalidEndpoint);
    const listed = await booted.ok<{ edges: unknown[] }>('n-admin', LIST);
    expect(listed.edges).toEqual([]);
  });
});
