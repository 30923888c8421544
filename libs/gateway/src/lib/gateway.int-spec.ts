import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { PLATFORM_TOPICS } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import type { AuthSettings, Role } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { expectEventually } from '@itsm/testing';
import { startEchoSubgraph } from '../test-fixtures/echo-subgraph';
import type { EchoSubgraph } from '../test-fixtures/echo-subgraph';
import { createGatewayApp } from './create-gateway-app';
import type { GatewaySettings } from './gateway-env';
import { documentHash } from './trusted-documents';
import type { HttpForward } from '@itsm/platform/service';
import { createClient } from 'graphql-ws';
import type { Client, SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import type { LiveEventSource } from './live/live-events';

interface GraphqlError {
  message: string;
  extensions?: { code?: string; reason?: string; stacktrace?: unknown; serviceName?: string };
}
interface GraphqlResponse {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: GraphqlError[] };
}

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('gateway (federation over HTTP)', () => {
  let dir: string;
  let auth: AuthSettings;
  const started: { close(): Promise<void> }[] = [];

  const tokenFor = (...roles: Role[]) =>
    issueDevToken(auth.source.kind === 'dev-key' ? auth.source.file : '', { sub: 'u-alice', name: 'Alice', roles }, auth);

  async function startSubgraph(port?: number): Promise<EchoSubgraph> {
    const subgraph = await startEchoSubgraph(port);
    started.push({ close: () => subgraph.stop() });
    return subgraph;
  }

  async function startGateway(subgraphUrl: string, overrides: Partial<GatewaySettings> = {}): Promise<string> {
    const settings: GatewaySettings = {
      subgraphs: [{ name: 'incident', url: subgraphUrl }],
      auth,
      limits: { maxDepth: 4, maxCost: 300, maxAliases: 3 },
      nodeEnv: 'development',
      pollIntervalMs: 0,
      ...overrides,
    };
    const app: INestApplication = await createGatewayApp(settings, { port: 0, host: '127.0.0.1', logLevel: 'fatal', shutdownHooks: false });
    started.push(app);
    return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }

  async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphqlResponse> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as GraphqlResponse['body'] };
  }

  const query = async (url: string, source: string, token?: string) =>
    post(url, { query: source }, token ? { authorization: `Bearer ${token}` } : {});

  const firstError = (response: GraphqlResponse): GraphqlError | undefined => response.body.errors?.[0];

  /** A subscriber over WebSocket (graphql-ws): what it received, and how its connection ended. */
  function subscribe(url: string, token: string | undefined, payload: SubscribePayload) {
    const received: { data?: unknown; errors?: GraphqlError[] }[] = [];
    let ended: { code?: number; reason?: string; errors?: GraphqlError[] } | undefined;
    const client: Client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: token ? { authorization: `Bearer ${token}` } : {}, retryAttempts: 0 });
    started.push({ close: async () => void (await client.dispose()) });
    client.subscribe(payload, {
      next: (message) => void received.push(message as (typeof received)[number]),
      error: (error) => {
        ended = Array.isArray(error) ? { errors: error as GraphqlError[] } : { code: (error as { code?: number }).code, reason: (error as { reason?: string }).reason };
      },
      complete: () => undefined,
    });
    return { received, ended: () => ended };
  }

  /** Changes the test makes, as the bus would deliver them. */
  function memoryLiveEvents(): LiveEventSource & { change(id: string): void } {
    const listeners: Parameters<LiveEventSource['listen']>[1][] = [];
    return {
      listen: async (_topics, onChange) => void listeners.push(onChange),
      close: async () => undefined,
      change: (id) => listeners.forEach((listener) => listener('itsm.incident.v1', { type: 'itsm.incident.updated.v1', subject: id, data: {} })),
    };
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itsm-gateway-'));
    auth = { source: { kind: 'dev-key', file: join(dir, 'dev-jwt-key.json') }, issuer: 'itsm', audience: 'itsm-api' };
  });

  afterAll(async () => {
    for (const resource of started.reverse()) await resource.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('with a running subgraph', () => {
    let subgraph: EchoSubgraph;
    let gateway: string;
    let agent: string;

    beforeAll(async () => {
      subgraph = await startSubgraph();
      gateway = await startGateway(subgraph.url);
      agent = await tokenFor('agent');
    });

    beforeEach(() => {
      subgraph.calls.length = 0;
    });

    it('is ready once the supergraph is composed', async () => {
      const ready = await fetch(`${gateway}/health/ready`);
      expect(ready.status).toBe(200);
      await expect(ready.json()).resolves.toMatchObject({ status: 'ok', checks: [{ name: 'gateway-supergraph', ok: true }] });
    });

    it('serves the event contract on /asyncapi.json without a token', async () => {
      const response = await fetch(`${gateway}/asyncapi.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const document = (await response.json()) as { asyncapi: string; channels: Record<string, { address: string }> };
      expect(document.asyncapi).toBe('3.0.0');
      expect(Object.values(document.channels).map((c) => c.address)).toEqual(expect.arrayContaining(PLATFORM_TOPICS.map((t) => t.name)));
    });

    it('answers a caller with a valid token, forwarding its token and trace headers', async () => {
      const response = await post(gateway, { query: '{ hello incident(id: "7") { title related { id } } }' }, {
        authorization: `Bearer ${agent}`,
        'x-correlation-id': 'corr-42',
        traceparent: TRACEPARENT,
      });
      expect(response).toEqual({
        status: 200,
        body: { data: { hello: `authorization=Bearer ${agent}`, incident: { title: 'Incident 7', related: [{ id: '7-1' }] } } },
      });
      expect(subgraph.calls).toHaveLength(1);
      expect(subgraph.calls[0]?.headers).toEqual({ authorization: `Bearer ${agent}`, 'x-correlation-id': 'corr-42', traceparent: TRACEPARENT });
    });

    it('answers concurrent callers of the same operation each with its own subgraph call (no sharing across callers)', async () => {
      const callers = await Promise.all(['u-ann', 'u-ben', 'u-cat', 'u-dan'].map((sub) => issueDevToken(auth.source.kind === 'dev-key' ? auth.source.file : '', { sub, name: sub, roles: ['agent'] }, auth)));
      const answers = await Promise.all(callers.map((token) => query(gateway, '{ hello }', token)));
      expect(answers.map((answer) => answer.body)).toEqual(callers.map((token) => ({ data: { hello: `authorization=Bearer ${token}` } })));
      expect(subgraph.calls).toHaveLength(callers.length);
    });

    it('starts a correlation id when the caller sent none', async () => {
      await query(gateway, '{ hello }', agent);
      expect(subgraph.calls[0]?.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses a missing or invalid token with UNAUTHENTICATED before calling any subgraph', async () => {
      for (const token of [undefined, 'not-a-jwt', await tokenFor('agent').then((t) => `${t.slice(0, -4)}AAAA`)]) {
        const response = await query(gateway, '{ hello }', token);
        expect(response.status).toBe(401);
        expect(firstError(response)?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'AUTH.UNAUTHENTICATED' });
      }
      expect(subgraph.calls).toEqual([]);
    });

    it.each([
      ['deeper than maxDepth', '{ incident(id: "1") { related { related { related { id } } } } }', 'GATEWAY.MAX_DEPTH'],
      ['with more aliases than maxAliases', '{ a: hello b: hello c: hello d: hello }', 'GATEWAY.MAX_ALIASES'],
      ['costlier than maxCost', '{ incident(id: "1") { related(first: 100) { id title } } }', 'GATEWAY.MAX_COST'],
    ])('rejects an operation %s without calling a subgraph', async (_case, source, reason) => {
      const response = await query(gateway, source, agent);
      expect(response.status).toBe(400);
      expect(firstError(response)?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason });
      expect(subgraph.calls).toEqual([]);
    });

    it('refuses batched requests', async () => {
      const response = await post(gateway, [{ query: '{ hello }' }, { query: '{ hello }' }], { authorization: `Bearer ${agent}` });
      expect(response.status).toBe(400);
      expect(firstError(response)?.message).toMatch(/batching/i);
      expect(subgraph.calls).toEqual([]);
    });

    it('refuses a GET operation without a CSRF preflight header', async () => {
      const response = await fetch(`${gateway}/graphql?query=${encodeURIComponent('{ hello }')}`, { headers: { authorization: `Bearer ${agent}` } });
      expect(response.status).toBe(400);
      expect(subgraph.calls).toEqual([]);
    });

    it('closes a WebSocket connection without a valid token (4403, the code as reason), and answers subscriptions without an event feed with a code', async () => {
      const anonymous = subscribe(gateway, undefined, { query: 'subscription { incidentChanged { id } }' });
      await expectEventually(() => expect(anonymous.ended()).toEqual({ code: 4403, reason: 'AUTH.UNAUTHENTICATED' }));
      const noFeed = subscribe(gateway, agent, { query: 'subscription { incidentChanged { id } }' });
      await expectEventually(() => expect(noFeed.ended()?.errors?.map((error) => error.extensions?.reason)).toEqual(['GATEWAY.SUBSCRIPTIONS_UNAVAILABLE']));
      expect(subgraph.calls).toEqual([]);
    });

    it('allows introspection outside production', async () => {
      const response = await query(gateway, '{ __schema { queryType { name } } }', agent);
      expect(response.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    });
  });

  describe('in production', () => {
    let gateway: string;
    let agent: string;

    beforeAll(async () => {
      const subgraph = await startSubgraph();
      gateway = await startGateway(subgraph.url, { nodeEnv: 'production' });
      agent = await tokenFor('agent');
    });

    it('refuses introspection', async () => {
      const response = await query(gateway, '{ __schema { queryType { name } } }', agent);
      expect(response.status).toBe(400);
      expect(firstError(response)?.message).toMatch(/introspection is not allowed/i);
    });

    it('answers malformed requests with 400 and a code, and nothing internal in the error', async () => {
      const send = async (body: string) => {
        const response = await fetch(`${gateway}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` }, body });
        return { status: response.status, body: (await response.json()) as GraphqlResponse['body'] };
      };
      const cases = [
        [await send('{ nope'), 'BAD_REQUEST'],
        [await send('{}'), 'BAD_REQUEST'],
        [await send(JSON.stringify({ query: '{ hello ' })), 'GRAPHQL_PARSE_FAILED'],
        [await send(JSON.stringify({ query: 'query($id: ID!) { incident(id: $id) { id } }', variables: { id: { a: 1 } } })), 'BAD_USER_INPUT'],
      ] as const;
      for (const [response, code] of cases) {
        expect([response.status, Object.keys(firstError(response)?.extensions ?? {})]).toEqual([400, ['code']]);
        expect(firstError(response)?.extensions?.code).toBe(code);
      }
    });

    it('sends no stack traces (neither its own nor a subgraph\'s) and masks internal errors', async () => {
      const failing = await query(gateway, '{ boom }', agent);
      expect(firstError(failing)).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      const refused = await query(gateway, '{ hello }');
      const invalid = await query(gateway, '{ nope }', agent);
      for (const response of [failing, refused, invalid]) {
        expect(response.body.errors?.length).toBeGreaterThan(0);
        for (const error of response.body.errors ?? []) expect(error.extensions?.stacktrace).toBeUndefined();
      }
      expect(firstError(invalid)?.message).not.toMatch(/Did you mean/);
    });
  });

  describe('subscriptions over WebSocket', () => {
    let subgraph: EchoSubgraph;
    let gateway: string;
    let agent: string;
    const events = memoryLiveEvents();

    beforeAll(async () => {
      subgraph = await startSubgraph();
      gateway = await startGateway(subgraph.url, { liveEvents: events });
      agent = await tokenFor('agent');
    });

    it("sends each change as the subscriber's own query answers it, skipping what it may not see and what its filter leaves out", async () => {
      const live = subscribe(gateway, agent, { query: 'subscription { changed: incidentChanged(filter: { states: [new] }) { id title } }' });
      // Subscribed once a change reaches it (the subscribe message is checked before the hub serves it).
      await expectEventually(() => {
        events.change('i-0');
        expect(live.received.length).toBeGreaterThan(0);
      });
      subgraph.calls.length = 0;
      for (const id of ['secret-1', 'i-1-done', 'i-2']) events.change(id);
      await expectEventually(() => expect(live.received.at(-1)).toEqual({ data: { changed: { id: 'i-2', title: 'Incident i-2' } } }));
      expect(live.received.filter((message) => JSON.stringify(message) !== JSON.stringify({ data: { changed: { id: 'i-0', title: 'Incident i-0' } } }))).toEqual([{ data: { changed: { id: 'i-2', title: 'Incident i-2' } } }]);
      // Each change was queried with the subscriber's token: the filter's query of each (secret-1 NOT_FOUND, i-1-done in progress), i-2's own.
      expect(subgraph.calls.length).toBeGreaterThanOrEqual(4);
      expect(new Set(subgraph.calls.map((call) => call.headers['authorization']))).toEqual(new Set([`Bearer ${agent}`]));
      expect(live.ended()).toBeUndefined();
    });

    it('sends a partial answer with its errors under the subscription key, and stays subscribed', async () => {
      const live = subscribe(gateway, agent, { query: 'subscription { incidentChanged(filter: { ids: ["p-1", "p-2"] }) { id flaky } }' });
      await expectEventually(() => {
        events.change('p-1');
        expect(live.received.length).toBeGreaterThan(0);
      });
      expect(live.received[0]).toEqual({ data: { incidentChanged: { id: 'p-1', flaky: null } }, errors: [expect.objectContaining({ message: 'flaky field failed', path: ['incidentChanged', 'flaky'] })] });
      events.change('p-2');
      await expectEventually(() => expect(live.received.at(-1)?.data).toEqual({ incidentChanged: { id: 'p-2', flaky: null } }));
      expect(live.ended()).toBeUndefined();
    });

    it("closes a connection when its token expires (4403 AUTH.TOKEN_EXPIRED), so the client reconnects with a fresh one", async () => {
      const shortLived = await issueDevToken(auth.source.kind === 'dev-key' ? auth.source.file : '', { sub: 'u-brief', name: 'Brief', roles: ['agent'], ttlSeconds: 3 }, auth);
      const live = subscribe(gateway, shortLived, { query: 'subscription { incidentChanged { id } }' });
      await expectEventually(() => expect(live.ended()).toEqual({ code: 4403, reason: 'AUTH.TOKEN_EXPIRED' }), { timeoutMs: 8_000, intervalMs: 100 });
    });

    it('holds at most 20 subscriptions per connection, also when they arrive at once', async () => {
      const client: Client = createClient({ url: `${gateway.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${agent}` }, retryAttempts: 0 });
      started.push({ close: async () => void (await client.dispose()) });
      const refused: string[] = [];
      for (let i = 0; i < 21; i += 1) {
        client.subscribe({ query: 'subscription { incidentChanged { id } }' }, { next: () => undefined, error: (errors) => void refused.push(...(errors as GraphqlError[]).map((error) => error.extensions?.reason ?? '')), complete: () => undefined });
      }
      await expectEventually(() => expect(refused).toEqual(['GATEWAY.TOO_MANY_SUBSCRIPTIONS']));
    });

    it('refuses a query, an invalid subscription and one over the limits with the codes HTTP answers', async () => {
      const asQuery = subscribe(gateway, agent, { query: '{ hello }' });
      const invalid = subscribe(gateway, agent, { query: 'subscription { incidentChanged { nope } }' });
      const deep = subscribe(gateway, agent, { query: 'subscription { incidentChanged { related { related { related { id } } } } }' });
      await expectEventually(() =>
        expect([asQuery, invalid, deep].map((live) => live.ended()?.errors?.map((error) => error.extensions?.reason ?? error.extensions?.code))).toEqual([['BAD_REQUEST'], ['GRAPHQL_VALIDATION_FAILED'], ['GATEWAY.MAX_DEPTH']]),
      );
    });
  });

  describe('with trusted documents on', () => {
    const registered = 'query Hello { hello }';
    const subscription = 'subscription Watch { incidentChanged { title } }';
    const events = memoryLiveEvents();
    let subgraph: EchoSubgraph;
    let gateway: string;
    let agent: string;

    beforeAll(async () => {
      subgraph = await startSubgraph();
      gateway = await startGateway(subgraph.url, {
        nodeEnv: 'production',
        trustedDocuments: { documents: new Map([[documentHash(registered), registered], [documentHash(subscription), subscription]]), adHocRoles: ['admin'] },
        liveEvents: events,
      });
      agent = await tokenFor('agent');
    });

    beforeEach(() => {
      subgraph.calls.length = 0;
    });

    const byId = (id: string, token: string) => post(gateway, { extensions: { persistedQuery: { version: 1, sha256Hash: id } } }, { authorization: `Bearer ${token}` });

    it('runs a registered document sent by its id, also as documentId', async () => {
      expect((await byId(documentHash(registered), agent)).body).toEqual({ data: { hello: `authorization=Bearer ${agent}` } });
      expect((await post(gateway, { documentId: documentHash(registered) }, { authorization: `Bearer ${agent}` })).body).toEqual({ data: { hello: `authorization=Bearer ${agent}` } });
      expect(subgraph.calls).toHaveLength(2);
    });

    it('refuses an unregistered id and an ad-hoc operation with a code, without calling a subgraph', async () => {
      const unknown = await byId(documentHash('{ hello }'), agent);
      expect([unknown.status, firstError(unknown)?.extensions]).toEqual([400, expect.objectContaining({ code: 'BAD_REQUEST', reason: 'GATEWAY.UNKNOWN_DOCUMENT' })]);
      const adHoc = await query(gateway, registered, agent);
      expect([adHoc.status, firstError(adHoc)?.extensions]).toEqual([403, expect.objectContaining({ code: 'FORBIDDEN', reason: 'GATEWAY.TRUSTED_DOCUMENTS_ONLY' })]);
      expect(subgraph.calls).toEqual([]);
    });

    it('runs a registered subscription by its id (its changes re-queried), and refuses an ad-hoc one', async () => {
      const live = subscribe(gateway, agent, { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(subscription) } } });
      await expectEventually(() => {
        events.change('i-9');
        expect(live.received[0]).toEqual({ data: { incidentChanged: { title: 'Incident i-9' } } });
      });
      const adHoc = subscribe(gateway, agent, { query: 'subscription { incidentChanged { id } }' });
      await expectEventually(() => expect(adHoc.ended()?.errors?.map((error) => error.extensions?.reason)).toEqual(['GATEWAY.TRUSTED_DOCUMENTS_ONLY']));
      // An admin's ad-hoc subscription runs; in production its errors suggest no field names, as on HTTP.
      const typo = subscribe(gateway, await tokenFor('admin'), { query: 'subscription { incidentChanged { titel } }' });
      await expectEventually(() => expect(typo.ended()?.errors?.map((error) => error.message)).toEqual(['Cannot query field "titel" on type "Incident".']));
    });

    it('still runs ad-hoc operations of a role allowed them', async () => {
      const admin = await tokenFor('admin');
      expect((await query(gateway, '{ incident(id: "3") { title } }', admin)).body).toEqual({ data: { incident: { title: 'Incident 3' } } });
    });
  });

  describe('forwarded routes (the all-in-one\'s /scim/v2)', () => {
    interface Seen {
      readonly method: string | undefined;
      readonly url: string | undefined;
      readonly headers: IncomingHttpHeaders;
      readonly bytes: number;
    }
    const seen: Seen[] = [];
    const forward = (target: string): HttpForward => ({
      context: 'directory',
      prefix: '/scim/v2',
      target,
      unreachable: (status, detail) => ({ contentType: 'application/scim+json', body: JSON.stringify({ status: String(status), detail }) }),
    });
    let gateway: string;
    let agent: string;

    beforeAll(async () => {
      // The context: records what reached it; /slow answers after the forward timeout, /boom with a 500.
      const upstream = createServer((request, response) => {
        let bytes = 0;
        request.on('data', (chunk: Buffer) => (bytes += chunk.length));
        request.on('end', () => {
          seen.push({ method: request.method, url: request.url, headers: request.headers, bytes });
          if (request.url === '/scim/v2/slow') setTimeout(() => response.end('late'), 1_000).unref();
          else if (request.url === '/scim/v2/boom') response.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
          else response.writeHead(201, { etag: 'W/"3"', location: 'http://edge/scim/v2/Users/p-1', 'content-type': 'application/scim+json' }).end(JSON.stringify({ id: 'p-1' }));
        });
      });
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
      started.push({ close: () => new Promise<void>((resolve) => upstream.close(() => resolve())) });
      const subgraph = await startSubgraph();
      const origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
      gateway = await startGateway(subgraph.url, { forwards: [forward(origin)], forwardTimeoutMs: 300 });
      agent = await tokenFor('agent');
    });

    it('streams method, path and query, headers and a body past the JSON limit to the context, and its status, ETag and Location back; GraphQL stays as it was', async () => {
      const body = JSON.stringify({ userName: 'x', padding: 'y'.repeat(300_000) });
      const response = await fetch(`${gateway}/scim/v2/Users?attributes=id`, {
        method: 'POST',
        headers: { authorization: 'Bearer itsm_scim_t', 'if-match': 'W/"2"', 'content-type': 'application/json' },
        body,
      });
      expect([response.status, response.headers.get('etag'), response.headers.get('location'), await response.json()]).toEqual([201, 'W/"3"', 'http://edge/scim/v2/Users/p-1', { id: 'p-1' }]);
      expect(seen.at(-1)).toMatchObject({
        method: 'POST',
        url: '/scim/v2/Users?attributes=id',
        bytes: Buffer.byteLength(body),
        headers: { authorization: 'Bearer itsm_scim_t', 'if-match': 'W/"2"', 'content-type': 'application/json', 'x-forwarded-host': new URL(gateway).host, 'x-forwarded-proto': 'http' },
      });
      expect((await query(gateway, '{ hello }', agent)).body).toEqual({ data: { hello: `authorization=Bearer ${agent}` } });
    });

    it("relays the context's 5xx as it is and answers the route's own 504 when the context is too slow", async () => {
      const boom = await fetch(`${gateway}/scim/v2/boom`);
      expect([boom.status, await boom.text()]).toEqual([500, 'boom']);
      const slow = await fetch(`${gateway}/scim/v2/slow`);
      expect([slow.status, slow.headers.get('content-type'), await slow.json()]).toEqual([504, 'application/scim+json', { status: '504', detail: 'The directory service did not answer within 300 ms.' }]);
    });

    it("answers the route's own 503 when the context is down, without trying once its circuit is open", async () => {
      const down = await startGateway(`http://127.0.0.1:${await freePort()}/graphql`, { forwards: [forward(`http://127.0.0.1:${await freePort()}`)], composeTimeoutMs: 0 });
      const details: unknown[] = [];
      for (let i = 0; i < 7; i += 1) {
        const response = await fetch(`${down}/scim/v2/Users`, { method: 'POST', headers: { 'content-type': 'application/scim+json' }, body: '{"userName":"x"}' });
        expect([response.status, response.headers.get('retry-after')]).toEqual([503, '5']);
        details.push(((await response.json()) as { detail: string }).detail);
      }
      expect(details[0]).toBe('The directory service cannot be reached.');
      expect(details.at(-1)).toBe('The directory service is unavailable (too many recent failures); retry later.');
    });
  });

  it('starts before its subgraph: not ready, then composes once the subgraph answers', async () => {
    const port = await freePort();
    const gateway = await startGateway(`http://127.0.0.1:${port}/`, { composeTimeoutMs: 0 });
    const agent = await tokenFor('agent');

    expect((await fetch(`${gateway}/health/ready`)).status).toBe(503);
    const early = await query(gateway, '{ hello }', agent);
    expect(early.status).toBe(503);
    expect(firstError(early)?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'GATEWAY.NOT_READY' });

    await startSubgraph(port);
    await expectEventually(async () => expect((await fetch(`${gateway}/health/ready`)).status).toBe(200), { timeoutMs: 30_000 });
    expect((await query(gateway, '{ hello }', agent)).body).toEqual({ data: { hello: `authorization=Bearer ${agent}` } });
  });

  it('fails fast with a typed error once a dead subgraph\'s circuit opens', async () => {
    const subgraph = await startEchoSubgraph();
    const gateway = await startGateway(subgraph.url);
    const agent = await tokenFor('agent');
    expect((await query(gateway, '{ hello }', agent)).status).toBe(200);
    await subgraph.stop();

    const reasons: unknown[] = [];
    for (let i = 0; i < 8; i += 1) {
      const response = await query(gateway, '{ hello }', agent);
      expect(firstError(response)?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'incident' });
      expect(firstError(response)?.message).not.toContain('127.0.0.1');
      reasons.push(firstError(response)?.extensions?.reason);
    }
    // At least 5 calls in the window (the successful ones count too) with over half failing open it.
    const opened = reasons.indexOf('GATEWAY.SUBGRAPH_CIRCUIT_OPEN');
    expect(reasons[0]).toBe('GATEWAY.SUBGRAPH_UNAVAILABLE');
    expect(opened).toBeGreaterThan(0);
    expect(new Set(reasons.slice(opened))).toEqual(new Set(['GATEWAY.SUBGRAPH_CIRCUIT_OPEN']));
  });
});
