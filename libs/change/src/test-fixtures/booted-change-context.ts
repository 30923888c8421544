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
import { changeContext } from '../change.context';

const AUTH = { issuer: 'itsm-test', audience: 'itsm-test-api' };

export interface GraphqlAnswer {
  readonly data?: Record<string, { [key: string]: unknown }> | null;
  readonly errors?: { message: string; extensions?: { code?: string } }[];
}

/** The change context booted through its declaration for an integration spec, and what the spec reads of it. */
export interface BootedChangeContext {
  readonly app: INestApplication;
  /** Every event published on `itsm.change.v1`, in order. */
  readonly published: EventEnvelope[];
  /** A dev token for a subject and its roles. */
  token(sub: string, roles: readonly Role[]): Promise<string>;
  graphql(token: string, query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer>;
  close(): Promise<void>;
}

/**
 * Boots the change context on the peers (real mongoose, the outbox relay on an in-process bus, a dev
 * signing key, its HTTP port), as the service kit runs it: the setup every change integration spec
 * shares.
 */
export async function bootChangeContext(probeGroup: string): Promise<BootedChangeContext> {
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-auth-'));
  const keyFile = join(keyDir, 'dev-key.json');
  const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS));
  const published: EventEnvelope[] = [];
  await bus.subscribe({ group: probeGroup, topics: ['itsm.change.v1'], handle: (event) => {
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
    published,
    token: (sub, roles) => issueDevToken(keyFile, { sub, name: sub, roles: [...roles] }, AUTH),
    async graphql(token, query, variables = {}) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphqlAnswer;
    },
    async close() {
      await app.close();
      await bus.close();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
