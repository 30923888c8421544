import { PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { CmdbEnv, seedDemoCmdb, startCmdbService, toCmdbSettings } from '@itsm/cmdb';
import { createGatewayApp } from '@itsm/gateway';
import { IncidentEnv, startIncidentService, toIncidentSettings } from '@itsm/incident';
import { SlaEnv, startSlaService, toSlaSettings } from '@itsm/sla';
import { AuthEnv, DEFAULT_DEV_KEY_FILE, ensureDevKey, toAuthSettings } from '@itsm/platform/auth';
import { ConfigError, EX_CONFIG, envSchema, httpEnv, KafkaEnv, loadConfigOrExit, MongoEnv, toHttpSettings, toKafkaSettings } from '@itsm/platform/config';
import type { EventBus } from '@itsm/platform/messaging';
import { InProcessEventBus, KafkaEventBus } from '@itsm/platform/messaging';
import { createLogger } from '@itsm/platform/observability';
import { freePort, startEmbeddedMongo } from '@itsm/platform/persistence';
import type { INestApplication } from '@nestjs/common';
import { hostname } from 'node:os';
import { loadDemoData } from './demo-data';
import { PlatformEnv } from './platform-env';

/**
 * The all-in-one mode (`npm start`): every service present and the gateway in ONE process, sharing
 * an in-process event bus (Kafka when KAFKA_BROKERS is set) and an embedded MongoDB-wire server
 * (MongoDB when MONGO_URL is set). Each service is still its own Nest app with its own subgraph,
 * served on a loopback port and federated by the gateway exactly as in microservices mode.
 */
async function main(): Promise<void> {
  const env = loadConfigOrExit(envSchema(httpEnv(4000), KafkaEnv, MongoEnv, AuthEnv, IncidentEnv, SlaEnv, CmdbEnv, PlatformEnv));
  const http = toHttpSettings(env);
  const log = createLogger({ name: 'platform', level: http.logLevel });
  const devKey = env.AUTH_JWKS_URL === undefined ? (env.AUTH_DEV_KEY_FILE ?? DEFAULT_DEV_KEY_FILE) : undefined;
  const auth = toAuthSettings({ ...env, ...(devKey ? { AUTH_DEV_KEY_FILE: devKey } : {}) }, http.nodeEnv);
  if (devKey) await ensureDevKey(devKey);

  const closers: (() => Promise<void>)[] = [];
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    for (const close of closers.reverse()) await close().catch((error: unknown) => log.error({ err: error }, 'shutdown step failed'));
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void shutdown(signal));
  process.once('SIGTERM', (signal) => void shutdown(signal));

  const embedded = env.MONGO_URL === undefined ? await startEmbeddedMongo() : undefined;
  if (embedded) closers.push(() => embedded.stop());
  const mongo = { url: env.MONGO_URL ?? embedded?.url ?? '', dbPrefix: env.MONGO_DB_PREFIX };

  const kafka = toKafkaSettings(env);
  const registry = new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS);
  const bus: EventBus<readonly TopicDefinition[]> = kafka.brokers
    ? new KafkaEventBus(registry, { connection: { ...kafka, brokers: kafka.brokers } })
    : new InProcessEventBus(registry, { onError: (error, context) => log.error({ err: error }, context) });
  closers.push(() => bus.close());

  const apps: INestApplication[] = [];
  closers.push(async () => {
    for (const app of apps.reverse()) await app.close();
  });
  // The SLA service first: its consumer follows the incident events the demo data produces.
  const slaPort = await freePort();
  const sla = await startSlaService(
    { nodeEnv: http.nodeEnv, logLevel: http.logLevel, mongo, auth, sla: toSlaSettings(env), bus, seedDemoCatalog: env.PLATFORM_DEMO_DATA || env.SLA_SEED_DEMO_CATALOG },
    { port: slaPort, host: '127.0.0.1', shutdownHooks: false },
  );
  apps.push(sla);
  // The CMDB before the incident demo data: the demo incidents name its CIs.
  const cmdbPort = await freePort();
  const cmdb = await startCmdbService(
    { nodeEnv: http.nodeEnv, logLevel: http.logLevel, mongo, auth, cmdb: toCmdbSettings(env, hostname()), bus },
    { port: cmdbPort, host: '127.0.0.1', shutdownHooks: false },
  );
  apps.push(cmdb);
  const demoCis = env.PLATFORM_DEMO_DATA || env.CMDB_SEED_DEMO_DATA ? await seedDemoCmdb(cmdb) : new Map<string, string>();
  const incidentPort = await freePort();
  const incident = await startIncidentService(
    { nodeEnv: http.nodeEnv, logLevel: http.logLevel, mongo, auth, incident: toIncidentSettings(env), bus },
    { port: incidentPort, host: '127.0.0.1', shutdownHooks: false },
  );
  apps.push(incident);
  if (env.PLATFORM_DEMO_DATA) {
    const demo = await loadDemoData(incident, demoCis);
    if (demo.loaded) log.info({ incidents: demo.incidents }, 'demo data loaded');
  }

  const gateway = await createGatewayApp(
    {
      subgraphs: [
        { name: 'incident', url: `http://127.0.0.1:${incidentPort}/graphql` },
        { name: 'sla', url: `http://127.0.0.1:${slaPort}/graphql` },
        { name: 'cmdb', url: `http://127.0.0.1:${cmdbPort}/graphql` },
      ],
      auth,
      limits: { maxDepth: env.GATEWAY_MAX_DEPTH, maxCost: env.GATEWAY_MAX_COST, maxAliases: env.GATEWAY_MAX_ALIASES },
      nodeEnv: http.nodeEnv,
    },
    { port: http.port, logLevel: http.logLevel, shutdownHooks: false },
  );
  apps.push(gateway);

  const url = `http://localhost:${http.port}/graphql`;
  log.info({ url, storage: embedded ? 'embedded' : 'MONGO_URL', bus: kafka.brokers ? 'kafka' : 'in-process' }, 'ITSM platform ready');
  process.stdout.write(
    `\nITSM platform (all-in-one) ready\n  GraphQL: ${url}\n  token:   npm run -s token -- --role agent\n  try:     curl -s ${url} -H "authorization: Bearer $(npm run -s token -- --role agent)" -H 'content-type: application/json' -d '{"query":"{ incidents(first: 5) { edges { node { number title state priority } } } }"}'\n\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(EX_CONFIG);
  }
  process.stderr.write(`platform failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
