import { PLATFORM_TOPIC_FAMILIES, PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import type { AuthSettings } from '@itsm/platform/auth';
import { toHttpSettings, toKafkaSettings, toMongoSettings } from '@itsm/platform/config';
import type { EventBus } from '@itsm/platform/messaging';
import { InProcessEventBus, KafkaEventBus, withEventCorrelation } from '@itsm/platform/messaging';
import { connectContext, freePort, startEmbeddedMongo } from '@itsm/platform/persistence';
import type { EmbeddedMongoOptions } from '@itsm/platform/persistence';
import type { Logger } from 'pino';
import type { ContextDeclaration, DemoReferences, HostFacts, HttpForward } from './context-declaration';
import { startContext } from './context-app';
import type { StartedContext } from './context-app';
import { checkContextDeclarations } from './declaration-checks';
import { MongoDemoLedger } from './demo-ledger';
import { MongoBusJournal } from './mongo-bus-journal';
import { contextSettings } from './service-env';
import type { ServiceEnv } from './service-env';
import type { ShutdownSequence } from './shutdown-sequence';

/** The all-in-one process exits within this after SIGTERM (10 s promised), even with its MongoDB or Kafka already gone. */
export const ALL_IN_ONE_SHUTDOWN_DEADLINE_MS = 8_000;
/** One app's (or the bus's, or the embedded server's) share of it. */
export const ALL_IN_ONE_STEP_TIMEOUT_MS = 2_000;

export interface AllInOneOptions {
  /** In start order: a context's demo data may name what earlier contexts' demo data made. */
  readonly contexts: readonly ContextDeclaration[];
  /** The validated environment: the kit's fragments and every context's own. */
  readonly env: ServiceEnv & Readonly<Record<string, unknown>>;
  readonly auth: AuthSettings;
  /** PLATFORM_DEMO_DATA: every context's demo data (a context's own switch also loads its own), once per store. */
  readonly demo: boolean;
  /** The embedded server's persistence when MONGO_URL is unset (a data directory; in memory without one). */
  readonly embedded?: Omit<EmbeddedMongoOptions, 'port'>;
  readonly host: HostFacts;
  readonly log: Logger;
  /** The process's shutdown: the kit adds the embedded server, the bus and each context, in start order. */
  readonly shutdown: ShutdownSequence;
}

export interface RunningContexts {
  readonly contexts: readonly StartedContext[];
  /** The gateway's subgraph list: one per context, on loopback. */
  readonly subgraphs: readonly { readonly name: string; readonly url: string }[];
  /** The contexts' routes the gateway's port serves too (those declared with an `unreachable` answer). */
  readonly forwards: readonly HttpForward[];
  readonly storage: 'embedded' | 'embedded, persisted' | 'MONGO_URL';
  readonly bus: 'kafka' | 'in-process';
  /** The shared bus itself (the gateway follows changes on it for subscriptions); the kit closes it. */
  readonly eventBus: EventBus<readonly TopicDefinition[]>;
}

/**
 * The contexts of the all-in-one mode in one process: MongoDB (the embedded MongoDB-wire server unless
 * MONGO_URL is set), one shared bus (Kafka when KAFKA_BROKERS is set, else in-process, journaled in
 * that MongoDB), and each context in the given order as its own Nest app on a loopback port, with
 * its demo data once per store.
 *
 * Shutdown (reverse of what is added here, after the caller's gateway): the bus first (no new
 * deliveries; handlers in flight finish and their positions are journaled), then the apps (relays,
 * timers, connections; what they still publish fails and stays in their outboxes for the next
 * start), then the journal's connection, then the embedded server, whose final snapshot so follows
 * the last write.
 */
export async function startContexts(options: AllInOneOptions): Promise<RunningContexts> {
  const { contexts, env, log, shutdown } = options;
  checkContextDeclarations(contexts);
  const embedded = env.MONGO_URL === undefined ? await startEmbeddedMongo(options.embedded ?? {}) : undefined;
  if (embedded) shutdown.add('embedded MongoDB', () => embedded.stop());
  const mongo = toMongoSettings(env, embedded?.url);
  const platformDb = await connectContext(mongo, 'platform');
  shutdown.add('platform connection', () => platformDb.close());

  const kafka = toKafkaSettings(env);
  const registry = new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS, PLATFORM_TOPIC_FAMILIES);
  const onError = (error: unknown, context: string): void => log.error({ err: error }, context);
  let bus: EventBus<readonly TopicDefinition[]>;
  // In-process: nothing is dropped until every context has subscribed (a context started later still reads an earlier one's demo events).
  let releaseTruncation = (): void => undefined;
  // Handlers run in the consumed event's correlation, as each service's own bus runs them: what a handler publishes names it as its cause.
  if (kafka.brokers) bus = new KafkaEventBus(registry, { connection: { ...kafka, brokers: kafka.brokers }, around: withEventCorrelation, onError });
  else {
    const inProcess = new InProcessEventBus(registry, { onError, around: withEventCorrelation, journal: new MongoBusJournal(platformDb) });
    await inProcess.recover();
    releaseTruncation = inProcess.holdTruncation();
    bus = inProcess;
  }

  const http = toHttpSettings(env);
  const runtime = { nodeEnv: http.nodeEnv, logLevel: http.logLevel, mongo, auth: options.auth, bus };
  const ledger = new MongoDemoLedger(platformDb, mongo);
  const references = new Map<string, ReadonlyMap<string, string>>();
  const started: StartedContext[] = [];
  for (const declaration of contexts) {
    const { settings, demo } = contextSettings(declaration, env, options.host);
    const earlier: DemoReferences = references;
    const context = await startContext(declaration, runtime, settings, { port: await freePort(), host: '127.0.0.1' }, options.demo || demo ? { earlier, ledger } : undefined);
    shutdown.add(`${declaration.name} app`, () => context.close());
    if (context.demo !== undefined) references.set(declaration.name, context.demo);
    started.push(context);
  }
  shutdown.add('event bus', () => bus.close());
  releaseTruncation();
  return {
    contexts: started,
    subgraphs: started.map((context) => ({ name: context.name, url: context.url })),
    forwards: started.flatMap((context) =>
      context.httpRoutes.flatMap(({ prefix, unreachable }) => (unreachable === undefined ? [] : [{ context: context.name, prefix, target: context.origin, unreachable }])),
    ),
    storage: embedded ? (options.embedded?.dataDir !== undefined ? 'embedded, persisted' : 'embedded') : 'MONGO_URL',
    bus: kafka.brokers ? 'kafka' : 'in-process',
    eventBus: bus,
  };
}
