import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { issueDevToken } from '@itsm/platform/auth';
import type { AuthSettings, Role } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { expectEventually } from '@itsm/testing';
import { startEchoSubgraph } from '../test-fixtures/echo-subgraph';
import type { EchoSubgraph } from '../test-fixtures/echo-subgraph';
import { createGatewayApp } from './create-gateway-app';
import type { GatewaySettings } from './gateway-env';

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
