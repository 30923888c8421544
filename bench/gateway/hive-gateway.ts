/**
 * The production gateway as bench:gateway runs it (`createGatewayApp`, production mode, the
 * production query limits, dev-key tokens of the bench audience), and the wait until it serves.
 * bench:subscriptions starts it the same way, with its own event feed.
 */
import { createGatewayApp } from '@itsm/gateway';
import type { GatewaySettings, QueryLimits, SubgraphEndpoint } from '@itsm/gateway';
import { ensureDevKey, readDevKey, signDevToken } from '@itsm/platform/auth';
import type { AuthSettings } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The audience of the benches' dev tokens. */
export const BENCH_AUDIENCE = { issuer: 'itsm-bench', audience: 'itsm-bench-api' };
/** The production defaults (GATEWAY_MAX_*). */
export const BENCH_LIMITS: QueryLimits = { maxDepth: 10, maxCost: 5000, maxAliases: 10 };

/** A dev key in a temporary directory, the gateway's settings to verify its tokens, and agents' tokens. */
export interface BenchAuth {
  readonly auth: AuthSettings;
  /** A token of role agent for `sub`. */
  agentToken(sub: string, name: string): Promise<string>;
  /** Removes the key. */
  close(): Promise<void>;
}

export async function benchAuth(dirPrefix: string): Promise<BenchAuth> {
  const keyDir = await mkdtemp(join(tmpdir(), dirPrefix));
  const keyFile = join(keyDir, 'dev-key.json');
  await ensureDevKey(keyFile);
  const key = await readDevKey(keyFile);
  return {
    auth: { source: { kind: 'dev-key', file: keyFile }, ...BENCH_AUDIENCE },
    agentToken: (sub, name) => signDevToken(key, { sub, name, roles: ['agent'] }, BENCH_AUDIENCE),
    close: () => rm(keyDir, { recursive: true, force: true }),
  };
}

export interface RunningGateway {
  readonly url: string;
  close(): Promise<unknown>;
}

/** The gateway on a free loopback port; `extra` adds settings (bench:subscriptions' liveEvents). */
export async function startHiveGateway(subgraphs: readonly SubgraphEndpoint[], auth: AuthSettings, extra: Partial<GatewaySettings> = {}): Promise<RunningGateway> {
  const port = await freePort();
  const app = await createGatewayApp({ subgraphs, auth, limits: BENCH_LIMITS, nodeEnv: 'production', ...extra }, { port, host: '127.0.0.1', logLevel: 'warn', shutdownHooks: false });
  return { url: `http://127.0.0.1:${port}/graphql`, close: () => app.close() };
}

/** Composition is asynchronous: a gateway may answer NOT_READY (or not at all) for a while. */
export async function waitUntilServing(url: string, token: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ incidents(first: 1) { edges { cursor } } }' }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      if (response.status === 200 && body.errors === undefined && body.data) return;
      last = `HTTP ${response.status} ${JSON.stringify(body).slice(0, 200)}`;
    } catch (error: unknown) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not serve within ${timeoutMs} ms: ${last}`);
}
