import type { TopicDefinition, TopicFamilyDefinition } from '@itsm/contracts';
import type { SubgraphOptions } from '@itsm/platform/graphql';
import type { AssignmentListener } from '@itsm/platform/messaging';
import type { MongoSettings } from '@itsm/platform/persistence';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { Static, TObject } from '@sinclair/typebox';

/** Facts of the host a context may need in its settings (e.g. the CMDB names its index consumer after the pod). */
export interface HostFacts {
  readonly hostname: string;
}

/** Ids by name that a context's demo data made, for later contexts' demo data to refer to (per context name). */
export type DemoReferences = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * A context's demo data. `beforeConsumers`: loaded after the app initialised and before its consumers
 * start (the SLA policies must exist before the first ticket event is handled); `afterStart`: once
 * the app serves and consumes (demo incidents whose events other contexts follow).
 */
export interface ContextDemo<E extends TObject> {
  readonly stage: 'beforeConsumers' | 'afterStart';
  /** The context's own switch (e.g. SLA_SEED_DEMO_POLICIES); the all-in-one also loads it when PLATFORM_DEMO_DATA is on. */
  enabled(env: Static<E>): boolean;
  /** Loads the demo data (skipping what exists); may return ids by name for later contexts' demo data. */
  seed(app: INestApplication, earlier: DemoReferences): Promise<ReadonlyMap<string, string> | undefined>;
}

/** What an edge answers in a context's place (e.g. a SCIM Error body when the context cannot be reached). */
export interface HttpAnswer {
  readonly contentType: string;
  readonly body: string;
}

/**
 * A path prefix a context serves outside GraphQL with request bodies of its own (SCIM at `/scim/v2`):
 * the kit's JSON and form parsers leave bodies under it unread, whatever their media type, and the
 * context's middleware reads them (its media types, size limit and error bodies). Other paths keep
 * Nest's parsers (JSON up to 100 kB).
 */
export interface ContextHttpRoute {
  /** A path without a trailing slash (`/scim/v2`): it and everything below it, matched case-insensitively as Express routes. */
  readonly prefix: string;
  /**
   * When set, the all-in-one's gateway port serves the prefix too, forwarding to the context (in
   * Kubernetes an ingress path does): the answer the gateway gives when the context cannot be reached
   * (503) or does not answer in time (504).
   */
  readonly unreachable?: (status: 503 | 504, detail: string) => HttpAnswer;
  /** The largest body the context reads under the prefix (it answers 413 beyond): the edge's proxy limit must match (deploy/ is checked against it). */
  readonly maxBodyBytes?: number;
}

/** A context's route served on another port (the all-in-one's gateway): where it goes and what to answer when it cannot. */
export interface HttpForward {
  /** The context that serves it (logs, breaker name). */
  readonly context: string;
  readonly prefix: string;
  /** The context's origin, `http://127.0.0.1:<port>`. */
  readonly target: string;
  readonly unreachable: (status: 503 | 504, detail: string) => HttpAnswer;
}

/**
 * A bounded context, declared once: everything the service kit needs to run it as its own
 * microservice (`runService`) or inside the all-in-one process (`startContexts`).
 * `E` is the context's own env fragment, `S` the settings its module is built from.
 */
export interface ContextDeclaration<E extends TObject = TObject, S = unknown> {
  /** Service name, database (`<prefix>_<name>`), log name and subgraph name: lower-case letters, digits, _. */
  readonly name: string;
  /** Its HTTP port in microservices mode (PORT overrides it); subgraph, health and metrics. */
  readonly defaultPort: number;
  /** The context's own variables; the kit adds HTTP, Kafka, MongoDB and auth. */
  readonly env: E;
  readonly topics: {
    /** Streams it publishes: each topic has exactly one owning context. */
    readonly owns: readonly TopicDefinition[];
    /** Other contexts' (or external) topics it reads. */
    readonly consumes: readonly TopicDefinition[];
    /** Topic families whose members it publishes to (one topic per party, e.g. each supplier's outbound topic). */
    readonly ownsFamilies?: readonly TopicFamilyDefinition[];
    /** Topic families whose members it reads (each supplier's inbound topic): payloads validated by the family's schemas. */
    readonly consumesFamilies?: readonly TopicFamilyDefinition[];
  };
  /** The Kafka consumer group its replicas share (its `@EventPattern` handlers). */
  readonly consumerGroup: string;
  /**
   * Days of history its projections are rebuilt from (a new group reading the streams it consumes
   * from their start): those streams must keep at least this long (`npm run validate:deploy`). Its
   * replicas report ready (`/health/ready`) only once its consumer group has read what the streams
   * held when first asked, so a rebuilding generation does not answer reports with partial figures.
   */
  readonly rebuildsFromDays?: number;
  /**
   * The group its replicas share for the members of `topics.consumesFamilies` (required with them):
   * a group of its own, since its topic list follows the connected parties at runtime.
   */
  readonly familyConsumerGroup?: string;
  /** Passed through to `subgraphGraphQLModule` (with the process's nodeEnv). */
  readonly subgraph: Omit<SubgraphOptions, 'nodeEnv'>;
  /** Paths it serves outside GraphQL with its own body reading (and, in the all-in-one, on the gateway's port). */
  readonly httpRoutes?: readonly ContextHttpRoute[];
  /** The context's settings from its env fragment and the host. */
  settings(env: Static<E>, host: HostFacts): S;
  /** The context's Nest module (persistence, handlers, resolvers, consumers). */
  module(options: { readonly mongo: MongoSettings; readonly settings: S }): DynamicModule;
  /** Follows the consumer group's partition assignment (e.g. the SLA timers of owned partitions). */
  onAssignment?(app: INestApplication): AssignmentListener;
  readonly demo?: ContextDemo<E>;
}

/** Declares a context (a typed identity: the declaration is checked against its own env and settings). */
export function defineContext<E extends TObject, S>(declaration: ContextDeclaration<E, S>): ContextDeclaration<E, S> {
  return declaration;
}
