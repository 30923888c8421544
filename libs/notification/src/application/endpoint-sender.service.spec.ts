import { PrivateTargetError, newHmacSecret, parseHmacSecret, signWebhook, ScriptedHttpTransport } from '@itsm/platform/webhooks';
import type { HttpTransportRequest } from '@itsm/platform/webhooks';
import { BROKEN_SPAN_MS, isWebhookSecret } from '../domain/endpoints';
import type { NotificationEndpoint } from '../domain/endpoints';
import type { Notice } from '../domain';
import { DEFAULT_ENDPOINT_DELIVERY_POLICY } from './endpoint-delivery-policy';
import { HttpEndpointSender } from './endpoint-sender.service';
import type { EndpointMessage } from './ports/endpoint-sender.port';
import { InMemoryEndpointStore } from './test-fixtures/in-memory-endpoint-store';

const NOW = Date.UTC(2030, 3, 1, 9, 0, 0);
const SECRETS = ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', `whsec_${'B'.repeat(43)}=`];

const endpoint = (id: string, channel: NotificationEndpoint['channel'], secrets: readonly string[] = []): NotificationEndpoint => ({
  id, name: id, channel, url: `https://${id}.example.com/hook`, secrets: secrets.map((secret, i) => ({ id: `s${i + 1}`, secret, createdAt: NOW })), state: { kind: 'active' }, broken: null, owner: 'ops.lead', contact: null,
});
const ticket = { topic: 'itsm.incident.v1', id: 'i-1', number: 'INC1', title: 'Mail down', link: 'https://portal.example.com/incidents/i-1', rootId: 'i-1' };
const event = { id: 'e-1', topic: 'itsm.incident.v1', type: 'incident.assigned', source: '/incident', subject: 'i-1', sequence: 1, time: '2030-04-01T08:59:00.000Z', data: {}, actorId: null, causationId: null, correlationId: null };
const notice: Notice = { key: 'e-1', recipient: { kind: 'endpoint', endpointId: 'ops' }, channel: 'webhook', category: 'assignment', urgent: false, templateId: 't', items: [{ ruleId: 'r', templateId: 't', event, ticket }] };
const message = (endpointId: string, channel: EndpointMessage['channel'], attempt = 1): EndpointMessage => ({
  deliveryId: '0123456789abcdef01234567', attempt, endpointId, channel, notice: { ...notice, channel, recipient: { kind: 'endpoint', endpointId } }, message: { locale: 'en', subject: 'INC1 assigned', text: 'to you', html: null },
});

describe('HttpEndpointSender', () => {
  let store: InMemoryEndpointStore;
  let http: ScriptedHttpTransport;
  let sender: HttpEndpointSender;

  beforeEach(async () => {
    store = new InMemoryEndpointStore();
    http = new ScriptedHttpTransport();
    sender = new HttpEndpointSender(store, http, { allowPrivateTargets: false }, DEFAULT_ENDPOINT_DELIVERY_POLICY);
    for (const e of [endpoint('ops', 'webhook', SECRETS), endpoint('other', 'webhook', SECRETS.slice(0, 1)), endpoint('chat', 'slack'), endpoint('card', 'teams')]) await store.save(e, null);
  });
  afterEach(() => sender.onApplicationShutdown());

  it('signs a webhook with every active secret; the webhook-id stays across attempts, the timestamp is each attempt\'s', async () => {
    await expect(sender.send(message('ops', 'webhook'), NOW)).resolves.toEqual({ kind: 'sent', detail: 'HTTP 200' });
    await sender.send(message('ops', 'webhook', 2), NOW + 65_000);
    const [first, second] = http.requests as [HttpTransportRequest, HttpTransportRequest];
    expect(first.headers).toEqual(signWebhook(SECRETS.map(parseHmacSecret), 'msg_0123456789abcdef01234567', NOW / 1000, first.body));
    expect(first.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(second.headers['webhook-timestamp']).toBe(String(NOW / 1000 + 65));
    expect(second.body).toBe(first.body);
  });

  it('disables the endpoint on 410 and refuses its later notices without calling', async () => {
    http.answer(410);
    await expect(sender.send(message('ops', 'webhook'), NOW)).resolves.toEqual({ kind: 'disabled', reason: 'gone (HTTP 410)' });
    expect((await store.get('ops'))?.endpoint.state).toEqual({ kind: 'disabled', reason: 'gone (HTTP 410)', at: NOW });
    expect(store.events.map((e) => [e.type, e.data.endpointId, e.data.ownerUserName, e.data.reason])).toEqual([['itsm.notification.endpoint-disabled.v1', 'ops', 'ops.lead', 'gone (HTTP 410)']]);
    await expect(store.isActive('ops')).resolves.toBe(false);
    await expect(sender.send(message('ops', 'webhook'), NOW + 1)).resolves.toEqual({ kind: 'disabled', reason: 'endpoint_disabled: gone (HTTP 410)' });
    expect(http.requests).toHaveLength(1);
  });

  it('retries 5xx, 429 (after Retry-After) and unreachable endpoints; opens the endpoint\'s breaker alone after repeated failures', async () => {
    http.answer({ status: 429, retryAfter: '30', body: '' }, { status: 503, retryAfter: '5', body: '' }, new Error('ECONNREFUSED'));
    await expect(sender.send(message('ops', 'webhook'), NOW)).resolves.toEqual({ kind: 'retry', reason: 'HTTP 429', afterMs: 30_000 });
    await expect(sender.send(message('ops', 'webhook'), NOW)).resolves.toEqual({ kind: 'retry', reason: 'HTTP 503', afterMs: 5_000 });
    await expect(sender.send(message('ops', 'webhook'), NOW)).resolves.toEqual({ kind: 'retry', reason: 'unreachable: ECONNREFUSED', afterMs: null });
    // 5 calls in the window, 4 failed (503, refused, 500, 500): the circuit opens
    http.answer(500, 500);
    for (let i = 0; i < 2; i++) await expect(sender.send(message('ops', 'webhook'), NOW)).resolves.toMatchObject({ kind: 'retry', reason: 'HTTP 500' });
    const calls = http.requests.length;
    await expect(sender.send(message('ops', 'webhook'), NOW)).resolves.toEqual({ kind: 'retry', reason: 'breaker open', afterMs: DEFAULT_ENDPOINT_DELIVERY_POLICY.breaker.resetTimeoutMs });
    expect(http.requests).toHaveLength(calls);
    await expect(sender.send(message('other', 'webhook'), NOW)).resolves.toMatchObject({ kind: 'sent' });
  });

  it('abandons a call without an answer within the timeout, for a retry', async () => {
    const impatient = new HttpEndpointSender(store, http, { allowPrivateTargets: false }, { ...DEFAULT_ENDPOINT_DELIVERY_POLICY, timeoutMs: 50 });
    http.answer('hang');
    await expect(impatient.send(message('ops', 'webhook'), NOW)).resolves.toEqual({ kind: 'retry', reason: 'no answer within 50 ms', afterMs: null });
    expect(http.requests[0]?.timeoutMs).toBe(50);
    impatient.onApplicationShutdown();
  });

  it('fails for good on other 4xx, redirects, private targets, unknown endpoints and a channel mismatch', async () => {
    http.answer(400, 302, new PrivateTargetError('ops.example.com resolves to 10.0.0.1, a private address'));
    await expect(sender.send(message('ops', 'webhook'), NOW)).resolves.toEqual({ kind: 'failed', reason: 'HTTP 400' });
    await expect(sender.send(message('ops', 'webhook'), NOW)).resolves.toMatchObject({ kind: 'failed', reason: 'redirect not followed (HTTP 302)' });
    await expect(sender.send(message('ops', 'webhook'), NOW)).resolves.toMatchObject({ kind: 'failed', reason: 'ops.example.com resolves to 10.0.0.1, a private address' });
    await store.save({ ...endpoint('inside', 'webhook', SECRETS), url: 'https://10.1.1.1/hook' }, null);
    await expect(sender.send(message('inside', 'webhook'), NOW)).resolves.toEqual({ kind: 'failed', reason: 'private target refused' });
    await expect(sender.send(message('nobody', 'webhook'), NOW)).resolves.toEqual({ kind: 'failed', reason: 'no endpoint nobody' });
    await expect(sender.send(message('chat', 'teams'), NOW)).resolves.toMatchObject({ kind: 'failed' });
    expect(http.requests).toHaveLength(3);
  });

  it("signs with the platform's new secrets, which the domain accepts; a stored secret the platform cannot use fails without a call", async () => {
    const fresh = newHmacSecret();
    expect(isWebhookSecret(fresh)).toBe(true);
    await store.save(endpoint('fresh', 'webhook', [fresh]), null);
    await expect(sender.send(message('fresh', 'webhook'), NOW)).resolves.toMatchObject({ kind: 'sent' });
    await store.save(endpoint('corrupt', 'webhook', ['whsec_c2hvcnQ=']), null);
    await expect(sender.send(message('corrupt', 'webhook'), NOW)).resolves.toEqual({ kind: 'failed', reason: 'endpoint corrupt has an unusable signing secret (WEBHOOK.KEY_BAD_LENGTH)' });
    expect(http.requests).toHaveLength(1);
  });

  it('sends Slack and Teams bodies unsigned; a chat webhook answering "gone" three times over an hour is disabled', async () => {
    await sender.send(message('chat', 'slack'), NOW);
    await sender.send(message('card', 'teams'), NOW);
    expect(http.requests.map((r) => Object.keys(r.headers))).toEqual([[], []]);
    expect(JSON.parse(http.requests[0]?.body ?? '{}')).toHaveProperty('blocks');
    expect(JSON.parse(http.requests[1]?.body ?? '{}')).toMatchObject({ type: 'message' });
    http.answer({ status: 404, retryAfter: null, body: 'no_service' }, 404, 404);
    await expect(sender.send(message('chat', 'slack'), NOW)).resolves.toEqual({ kind: 'failed', reason: 'HTTP 404: no_service' });
    await sender.send(message('chat', 'slack'), NOW + 1000);
    await expect(sender.send(message('chat', 'slack'), NOW + BROKEN_SPAN_MS)).resolves.toEqual({ kind: 'disabled', reason: 'HTTP 404' });
    expect((await store.get('chat'))?.endpoint.state.kind).toBe('disabled');
    expect(store.events.map((e) => [e.data.endpointId, e.data.channel])).toEqual([['chat', 'slack']]);
  });

  it('ends a run of "gone" answers with a delivered message', async () => {
    http.answer(404);
    await sender.send(message('card', 'teams'), NOW);
    expect((await store.get('card'))?.endpoint.broken).toEqual({ count: 1, since: NOW });
    await sender.send(message('card', 'teams'), NOW + 1);
    expect((await store.get('card'))?.endpoint.broken).toBeNull();
  });
});
