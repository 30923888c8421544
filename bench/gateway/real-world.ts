/**
 * The real subgraphs of bench:gateway's first part: the directory, SLA, CMDB and incident contexts
 * as the all-in-one runs them (startContexts: each its own Nest app on a loopback port, one
 * in-process event bus) on an embedded MongoDB-wire server in memory, with their demo data. The
 * directory only feeds the others' demo data (groups, people); the gateways federate the incident,
 * SLA and CMDB subgraphs.
 */
import { cmdbContext } from '@itsm/cmdb';
import { directoryContext } from '@itsm/directory';
import type { SubgraphEndpoint } from '@itsm/gateway';
import { incidentContext } from '@itsm/incident';
import { AuthEnv } from '@itsm/platform/auth';
import type { AuthSettings } from '@itsm/platform/auth';
import { envSchema, httpEnv, KafkaEnv, loadConfig, MongoEnv } from '@itsm/platform/config';
import { createLogger } from '@itsm/platform/observability';
import { connectContext, startEmbeddedMongo } from '@itsm/platform/persistence';
import { ShutdownSequence, startContexts } from '@itsm/platform/service';
import type { ContextDeclaration } from '@itsm/platform/service';
import { slaContext } from '@itsm/sla';
import { hostname } from 'node:os';

/** In the all-in-one's start order (apps/platform/src/contexts.ts): a context's demo data names what earlier ones made. */
const CONTEXTS: readonly ContextDeclaration[] = [directoryContext, slaContext, cmdbContext, incidentContext];
export const FEDERATED = ['incident', 'sla', 'cmdb'] as const;

export interface RealWorld {
  readonly subgraphs: readonly SubgraphEndpoint[];
  /**
   * Deletes the incidents opened at or after `since` (the bench's openIncident calls) once their
   * events are relayed: the embedded server scans, so every round starts from the same incidents.
   */
  forgetIncidentsSince(since: Date): Promise<void>;
  close(): Promise<void>;
}

const OUTBOX_TIMEOUT_MS = 30_000;

export async function startRealWorld(auth: AuthSettings): Promise<RealWorld> {
  const log = createLogger({ name: 'bench-gateway', level: 'warn' });
  const shutdown = new ShutdownSequence({ deadlineMs: 30_000, stepTimeoutMs: 10_000, log });
  const embedded = await startEmbeddedMongo();
  shutdown.add('embedded MongoDB', () => embedded.stop());
  // The services' own settings at their defaults, production mode, quiet, on the bench's embedded server.
  const env = loadConfig(envSchema(httpEnv(4000), KafkaEnv, MongoEnv, AuthEnv, ...CONTEXTS.map((context) => context.env)), {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    MONGO_URL: embedded.url,
  });
  const running = await startContexts({ contexts: CONTEXTS, env, auth, demo: true, host: { hostname: hostname() }, log, shutdown });
  const incidentDb = await connectContext({ url: embedded.url, dbPrefix: env.MONGO_DB_PREFIX }, 'incident');
  shutdown.add('bench connection', () => incidentDb.close());
  const incidents = incidentDb.collection('incidents');
  return {
    subgraphs: running.subgraphs.filter((subgraph) => (FEDERATED as readonly string[]).includes(subgraph.name)),
    forgetIncidentsSince: async (since) => {
      const deadline = Date.now() + OUTBOX_TIMEOUT_MS;
      while ((await incidents.countDocuments({ _outboxPending: true })) > 0) {
        if (Date.now() > deadline) throw new Error(`incidents still had unpublished events ${OUTBOX_TIMEOUT_MS} ms after the round`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await incidents.deleteMany({ openedAt: { $gte: since } });
    },
    close: async () => {
      const report = await shutdown.run();
      if (report.failed.length + report.abandoned.length > 0) console.error(`real subgraphs' shutdown: failed ${report.failed.join(', ')}; abandoned ${report.abandoned.join(', ')}`);
    },
  };
}
