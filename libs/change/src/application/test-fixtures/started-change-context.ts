import { PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope, TopicDefinition } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';
import { InProcessEventBus } from '@itsm/platform/messaging';
import { freePort } from '@itsm/platform/persistence';
import { startContext } from '@itsm/platform/service';
import { testPeers } from '@itsm/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeContext } from '../../change.context';

const AUTH = { issuer: 'itsm-test', audience: 'itsm-test-api' };

export interface GraphqlAnswer {
  readonly data?: Record<string, { [key: string]: unknown } | null> | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}

/** The change context booted through its declaration on the test peers (integration specs only). */
export interface StartedChangeContext {
  readonly app: INestApplication;
  /** The in-process bus the context consumes from and publishes on. */
  readonly bus: InProcessEventBus<readonly TopicDefinition[]>;
  /** Every `itsm.change.v1` event the context published, in delivery order. */
  readonly published: EventEnvelope[];
  token(sub: string, roles: readonly Role[]): Promise<string>;
  graphql(token: string, query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer>;
  close(): Promise<void>;
}

/**
 * Starts the change context (its own database on the MongoDB peer, the in-process bus, dev-key
 * auth, its subgraph on a free port) and records what it publishes.
 */
export async function startChangeContext(): Promise<StartedChangeContext> {
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-auth-'));
  const keyFile = join(keyDir, 'dev-key.json');
  const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS));
  const published: EventEnvelope[] = [];
  await bus.subscribe({
    group: `change-int-probe-${randomUUID().slice(0, 6)}`,
    topics: ['itsm.change.v1'],
    handle: (event) => {
      published.push(event.envelope);
      return Promise.resolve();
    },
  });
  const port = await freePort();
  const { app } = await startContext(
    changeContext,
    { nodeEnv: 'test', logLevel: 'warn', mongo: { url: testPeers().mongoUrl, dbPrefix: `it${randomUUID().slice(0, 8)}` }, auth: { source: { kind: 'dev-key', file: keyFile }, ...AUTH }, bus },
    {},
    { port, host: '127.0.0.1' },
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    app,
    bus,
    published,
    token: (sub, roles) => issueDevToken(keyFile, { sub, name: sub, roles: [...roles] }, AUTH),
    graphql: async (token, query, variables = {}) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphqlAnswer;
    },
    close: async () => {
      await app.close();
      await bus.close();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
