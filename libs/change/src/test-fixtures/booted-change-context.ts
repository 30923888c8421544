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
import { ProjectCmdbEventCommand } from '../application/commands/project-cmdb-event/project-cmdb-event.command';
import { ProjectCmdbEventHandler } from '../application/commands/project-cmdb-event/project-cmdb-event.handler';
import { ProjectDirectoryEventCommand } from '../application/commands/project-directory-event/project-directory-event.command';
import { ProjectDirectoryEventHandler } from '../application/commands/project-directory-event/project-directory-event.handler';
import { changeDirectory } from '../application/test-fixtures/in-memory-people';
import type { ChangeSettings } from '../change-env';
import { changeContext } from '../change.context';

const AUTH = { issuer: 'itsm-test', audience: 'itsm-test-api' };

export interface GraphqlAnswer {
  readonly data?: Record<string, { [key: string]: unknown } | null> | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string; details?: Record<string, unknown> } }[];
}

export interface BootChangeOptions {
  /** Project `changeDirectory`'s people and groups (default true). */
  readonly directory?: boolean;
  /** CIs to project (named after their ids). */
  readonly ciIds?: readonly string[];
  readonly settings?: ChangeSettings;
}

/** The change context booted for an integration spec, and what the spec talks to it through. */
export interface BootedChangeContext {
  readonly app: INestApplication;
  /** The in-process bus the context consumes from and publishes on. */
  readonly bus: InProcessEventBus<readonly TopicDefinition[]>;
  /** Every envelope published on `itsm.change.v1`, in order. */
  readonly published: EventEnvelope[];
  /** Makes CMDB events (feed them with `project`). */
  readonly cmdb: CmdbFeed;
  /** `http://host:port` of its HTTP server. */
  readonly baseUrl: string;
  readonly keyFile: string;
  /** Applies CMDB events to the context's projection, as its consumer does. */
  project(...events: ProjectCmdbEventCommand['event'][]): Promise<void>;
  token(sub: string, roles: readonly Role[]): Promise<string>;
  graphql(bearer: string, query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer>;
  close(): Promise<void>;
}

/**
 * Boots the change context through its declaration on the peers (real mongoose, the outbox relay
 * on an in-process bus a probe group reads, dev-key tokens, its HTTP port), as the service kit
 * runs it: the setup every change integration spec shares.
 */
export async function bootChangeContext(options: BootChangeOptions = {}): Promise<BootedChangeContext> {
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-auth-'));
  const keyFile = join(keyDir, 'dev-key.json');
  const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS));
  const published: EventEnvelope[] = [];
  await bus.subscribe({
    group: `change-int-probe-${randomUUID().slice(0, 8)}`,
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
    options.settings ?? {},
    { port, host: '127.0.0.1' },
  );
  const cmdb = new CmdbFeed();
  const project: BootedChangeContext['project'] = async (...events) => {
    for (const event of events) await app.get(ProjectCmdbEventHandler).execute(new ProjectCmdbEventCommand(event));
  };
  if (options.directory ?? true) {
    for (const event of changeDirectory(new DirectoryFeed())) await app.get(ProjectDirectoryEventHandler).execute(new ProjectDirectoryEventCommand(event));
  }
  await project(...(options.ciIds ?? []).map((ciId) => cmdb.ciCreated({ ciId, name: ciId })));
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    bus,
    published,
    cmdb,
    baseUrl,
    keyFile,
    project,
    token: (sub, roles) => issueDevToken(keyFile, { sub, name: sub, roles: [...roles] }, AUTH),
    async graphql(bearer, query, variables = {}) {
      const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphqlAnswer;
    },
    async close() {
      await app.close();
      await bus.close();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
