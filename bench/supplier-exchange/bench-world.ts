/**
 * What both halves of the bench run on: the suppliers (directory organisation, group, agent, keys,
 * channel), and a "world": the supplier exchange (and, for the inbound half, the incident context)
 * started in this process by the service kit on one in-process bus (the all-in-one's Kafka stand-in:
 * same partitioning, ordering and at-least-once), storage on the embedded MongoDB-wire server or
 * MONGO_URL. Connections are written to `supplier_connections` in the repository's document form
 * before the exchange starts (there is no connection mutation yet); the exchange parses them with
 * `parseSupplierConnection` when it reads them, as it does any stored connection.
 */
import { directoryTopic, PLATFORM_TOPIC_FAMILIES, PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope, TopicDefinition } from '@itsm/contracts';
import { DEFAULT_MAJOR_INCIDENT_RULES, incidentContext } from '@itsm/incident';
import type { AuthSettings } from '@itsm/platform/auth';
import { loadConfig } from '@itsm/platform/config';
import { InProcessEventBus } from '@itsm/platform/messaging';
import type { EventHandler } from '@itsm/platform/messaging';
import { connectContext, freePort, objectIdFromKey } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { startContext } from '@itsm/platform/service';
import type { StartedContext } from '@itsm/platform/service';
import { newEd25519KeyPair, newHmacSecret } from '@itsm/platform/webhooks';
import { DEFAULT_STATE_MAPPING, supplierExchangeContext } from '@itsm/supplier-exchange';
import type { SupplierConnection } from '@itsm/supplier-exchange';
import { DirectoryFeed } from '@itsm/testing';
import type { Connection } from 'mongoose';
import { hostname } from 'node:os';

export interface BenchSupplier {
  readonly id: string;
  readonly org: string;
  readonly group: string;
  /** The directory person the exchange applies its updates as, and that person's user name (GraphQL `sub`). */
  readonly agentPerson: string;
  readonly agentUser: string;
  /** Inbound: the supplier signs with the private key, its connection holds the public one. */
  readonly inbound: { readonly privateKey: string; readonly publicKey: string };
  /** Outbound: its own Kafka topic, or webhooks signed with this HMAC secret. */
  readonly channel: { readonly kind: 'kafka' } | { readonly kind: 'webhook'; readonly secret: string };
}

export function benchSuppliers(count: number, webhookEvery: number): BenchSupplier[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `bench-s${String(i + 1).padStart(3, '0')}`;
    return {
      id,
      org: `org-${id}`,
      group: `grp-${id}`,
      agentPerson: `p-${id}-agent`,
      agentUser: `u-${id}-agent`,
      inbound: newEd25519KeyPair(),
      channel: (i + 1) % webhookEvery === 0 ? { kind: 'webhook', secret: newHmacSecret() } : { kind: 'kafka' },
    };
  });
}

export const DESK = { org: 'org-bench-desk', group: 'grp-bench-desk', person: 'p-bench-desk', user: 'u-bench-desk' } as const;

function connectionOf(supplier: BenchSupplier, webhookBase: string): SupplierConnection {
  return {
    supplierId: supplier.id,
    organisationId: supplier.org,
    name: `Bench supplier ${supplier.id}`,
    agentId: supplier.agentPerson,
    integratorName: 'Bench Service Desk',
    exposeCallerContact: false,
    exposeRelatedEntities: true,
    ticketKinds: ['incident'],
    stateMapping: DEFAULT_STATE_MAPPING,
    inboundKeys: [supplier.inbound.publicKey],
    outbound: supplier.channel.kind === 'kafka' ? { channel: 'kafka' } : { channel: 'webhook', url: `${webhookBase}/${supplier.id}`, signingKeys: [supplier.channel.secret] },
  };
}

/** The directory as its events: the service desk, and each supplier's organisation, group and agent. */
export function directoryEvents(suppliers: readonly BenchSupplier[]): EventEnvelope[] {
  const feed = new DirectoryFeed();
  return [
    feed.organisation({ organisationId: DESK.org, name: 'Bench Desk', kind: 'internal' }),
    feed.person({ personId: DESK.person, userName: DESK.user, organisationId: DESK.org }),
    feed.group({ groupId: DESK.group, name: 'Bench Desk', organisationId: DESK.org }),
    feed.membersAdded(DESK.group, [DESK.person]),
    ...suppliers.flatMap((s) => [
      feed.organisation({ organisationId: s.org, name: s.id, kind: 'supplier' }),
      feed.person({ personId: s.agentPerson, userName: s.agentUser, organisationId: s.org }),
      feed.group({ groupId: s.group, name: s.group, organisationId: s.org }),
      feed.membersAdded(s.group, [s.agentPerson]),
    ]),
  ];
}

export interface WorldOptions {
  readonly mongoUrl: string;
  readonly dbPrefix: string;
  readonly auth: AuthSettings;
  readonly suppliers: readonly BenchSupplier[];
  /** Webhook suppliers receive at `<webhookBase>/<supplierId>`. */
  readonly webhookBase: string;
  readonly webhookPollMs: number;
  /** The inbound half also runs the incident context (it applies the updates; GraphQL baseline). */
  readonly withIncident: boolean;
}

export interface World {
  readonly bus: InProcessEventBus<readonly TopicDefinition[]>;
  readonly exchange: StartedContext;
  readonly incident: StartedContext | undefined;
  /** The bench's own connection to the exchange's database (readiness checks). */
  readonly exchangeDb: Connection;
  /** A consumer group of the bench's own on `topics` (after the contexts started: it reads what is published from now on). */
  probe(group: string, topics: readonly string[], handle: EventHandler): Promise<void>;
  close(): Promise<void>;
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const closing: (() => Promise<unknown>)[] = [];
  const close = async (): Promise<void> => {
    for (const step of closing.reverse()) await step().catch((error: unknown) => console.error('cleanup step failed:', error));
  };
  try {
    const mongo: MongoSettings = { url: options.mongoUrl, dbPrefix: options.dbPrefix };
    const exchangeDb = await connectContext(mongo, 'supplier');
    closing.push(() => exchangeDb.close());
    await exchangeDb.collection('supplier_connections').insertMany(
      options.suppliers.map((s) => ({ _id: objectIdFromKey('supplier-connection', s.id), supplierId: s.id, organisationId: s.org, connection: connectionOf(s, options.webhookBase), version: 1 })),
    );
    const bus = new InProcessEventBus<readonly TopicDefinition[]>(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS, PLATFORM_TOPIC_FAMILIES));
    closing.push(() => bus.close());
    const runtime = { nodeEnv: 'production' as const, logLevel: 'warn' as const, mongo, auth: options.auth, bus };
    const exchangeSettings = supplierExchangeContext.settings(
      loadConfig(supplierExchangeContext.env, { SUPPLIER_EXCHANGE_ALLOW_PRIVATE_TARGETS: 'true', SUPPLIER_EXCHANGE_WEBHOOK_POLL_MS: String(options.webhookPollMs) }),
      { hostname: hostname() },
    );
    const exchange = await startContext(supplierExchangeContext, runtime, exchangeSettings, { port: await freePort(), host: '127.0.0.1' });
    closing.push(() => exchange.close());
    let incident: StartedContext | undefined;
    if (options.withIncident) {
      const settings = { autoCloseDays: 7, autoCloseIntervalMs: 3_600_000, majorIncidentRules: DEFAULT_MAJOR_INCIDENT_RULES };
      incident = await startContext(incidentContext, runtime, settings, { port: await freePort(), host: '127.0.0.1' });
      closing.push(() => (incident ? incident.close() : Promise.resolve()));
    }
    await bus.publishEnvelopes(directoryTopic.name, directoryEvents(options.suppliers));
    const probe: World['probe'] = (group, topics, handle) => bus.subscribe({ group, topics, handle });
    return { bus, exchange, incident, exchangeDb, probe, close };
  } catch (error) {
    await close();
    throw error;
  }
}
