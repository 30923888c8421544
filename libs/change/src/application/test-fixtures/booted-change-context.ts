import { PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope, TopicDefinition } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';
import { InProcessEventBus } from '@itsm/platform/messaging';
import { freePort } from '@itsm/platform/persistence';
import { startContext } from '@itsm/platform/service';
import { CmdbFeed, DirectoryFeed, testPeers } from '@itsm/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeContext } from '../../change.context';
import { ProjectCmdbEventCommand } from '../commands/project-cmdb-event/project-cmdb-event.command';
import { ProjectCmdbEventHandler } from '../commands/project-cmdb-event/project-cmdb-event.handler';
import { ProjectDirectoryEventCommand } from '../commands/project-directory-event/project-directory-event.command';
import { ProjectDirectoryEventHandler } from '../commands/project-directory-event/project-directory-event.handler';
import { changeDirectory } from './in-memory-people';

const AUTH = { issuer: 'itsm-test', audience: 'itsm-test-api' };

export interface GraphqlAnswer {
  data?: Record<string, { [key: string]: unknown }> | null;
  errors?: { message: string; extensions?: { code?: string; details?: Record<string, unknown> } }[];
}

/** The change context booted for an int-spec, with what the spec talks to it through. */
export interface BootedChangeContext {
  readonly app: INestApplication;
  /** Every envelope published on `itsm.change.v1`, in order. */
  readonly published: EventEnvelope[];
  readonly cmdb: CmdbFeed;
  readonly keyFile: string;
  token(sub: string, roles: Role[]): Promise<string>;
  graphql(bearer: string, query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer>;
  close(): Promise<void>;
}

/**
 * The change context booted through its declaration on the peers (real mongoose, the outbox relay
 * on an in-process bus a probe group reads), serving GraphQL with dev-key tokens; its projections
 * fed the `changeDirectory` people and groups and the given CIs.
 */
export async function bootChangeContext(probeGroup: string, ciIds: readonly string[]): Promise<BootedChangeContext> {
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-auth-'));
  const keyFile = join(keyDir, 'dev-key.json');
  const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS));
  const published: EventEnvelope[] = [];
  await bus.subscribe({
    group: probeGroup,
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
  const cmdb = new CmdbFeed();
  for (const event of changeDirectory(new DirectoryFeed())) await app.get(ProjectDirectoryEventHandler).execute(new ProjectDirectoryEventCommand(event));
  for (const ciId of ciIds) await app.get(ProjectCmdbEventHandler).execute(new ProjectCmdbEventCommand(cmdb.ciCreated({ ciId, name: ciId })));
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    app,
    published,
    cmdb,
    keyFile,
    token: (sub, roles) => issueDevToken(keyFile, { sub, name: sub, roles }, AUTH),
    async graphql(bearer, query, variables = {}) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphqlAnswer;
    },
    async close() {
      await app.close();
      await bus.close();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
