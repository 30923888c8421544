import { GATEWAY_DEFAULT_PORT, GatewayEnv } from '@itsm/gateway';
import { AuthEnv } from '@itsm/platform/auth';
import { httpEnv, KafkaEnv, OtelEnv } from '@itsm/platform/config';
import { MICROSERVICE_REQUIRED_ENV, SERVICE_ENV_FRAGMENTS } from '@itsm/platform/service';
import type { ContextDeclaration } from '@itsm/platform/service';
import type { TopicFamilyDefinition } from '@itsm/contracts';
import * as contracts from '@itsm/contracts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLATFORM_CONTEXTS } from '../../apps/platform/src/contexts';
import { PortalOidcEnv } from '../../apps/platform/src/portal/portal-oidc-env';
import { PORTAL_DEFAULT_PORT, PortalServerEnv } from '../../apps/platform/src/portal/portal-server-env';
import { keys, requiredKeys } from './config-keys';
import type { EdgeRoute, FamilyRead, GroupConsumer } from './deploy-model';

/** What every app deploy/ runs declares: its name (Deployment, container, image), port and env contract. */
export interface DeployedApp {
  readonly name: string;
  readonly port: number;
  /** Every variable the app reads. */
  readonly known: readonly string[];
  /** Variables it refuses to start without (beyond a service's auth key source). */
  readonly required: readonly string[];
}

/**
 * One deployable app: each context of the platform (its declaration: name, default port, env
 * fragment, the kit's fragments) and the gateway. The compose services, Kubernetes workloads,
 * image build arguments and the gateway's subgraph lists are checked against this list, so adding a
 * context to apps/platform/src/contexts.ts is what makes the validator ask for its deployment.
 */
export interface Deployable extends DeployedApp {
  /** Serves a subgraph the gateway federates. */
  readonly subgraph: boolean;
  /** `name=url` subgraph lists to resolve against Services (the gateway). */
  readonly subgraphList?: string;
  /** The Kafka consumer groups its replicas share and what each reads (KEDA scales it on their lag). */
  readonly consumers: readonly GroupConsumer[];
  /** The topic families whose members it publishes. */
  readonly ownsFamilies?: readonly FamilyRead[];
  /** Path prefixes served at the edge (`/scim/v2`): the context's `httpRoutes`, with the body limit it declares. */
  readonly edgeRoutes?: readonly EdgeRoute[];
}

const root = join(__dirname, '..', '..');
const CONTRACT_TOPICS: ReadonlyMap<string, string> = new Map(
  Object.entries(contracts).flatMap(([name, value]) => contracts.PLATFORM_TOPICS.filter((topic) => topic === value).map((topic) => [name, topic.name] as const)),
);

function sourcesOf(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesOf(path);
    return /\.ts$/.test(entry.name) && !/\.(int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The topics a context's shared consumer group reads: every topic its declaration consumes (other
 * contexts' streams: the group's handlers read them, one `@EventPattern` per topic or one over a
 * list, as the notification context's over NOTIFIABLE_TOPICS), and those of its own topics that an
 * `@EventPattern(<topic>.name)` handler of its sources subscribes to, as the kit's transport does (it
 * subscribes the group to the topics of its event handlers). Other consumers of a context (the
 * CMDB's per-replica index groups) are not the shared group's and do not scale with its lag.
 */
export function groupConsumer(context: ContextDeclaration, sources: readonly string[]): GroupConsumer | undefined {
  const handled = new Set(
    sources.flatMap((text) => [...text.matchAll(/@EventPattern\(\s*(\w+)\.name\s*\)/g)].map((match) => CONTRACT_TOPICS.get(match[1] ?? '') ?? '')),
  );
  const owned = context.topics.owns.map((topic) => topic.name).filter((topic) => handled.has(topic));
  const topics = [...new Set([...context.topics.consumes.map((topic) => topic.name), ...owned])].sort();
  if (topics.length === 0) return undefined;
  return { group: context.consumerGroup, topics, families: [], ...(context.rebuildsFromDays === undefined ? {} : { retainDays: context.rebuildsFromDays }) };
}

/** A family's template, its members' common literal start and partitions. */
export function familyRead(family: TopicFamilyDefinition): FamilyRead {
  return { template: family.template, prefix: family.template.slice(0, family.template.indexOf('{')), partitions: family.partitions };
}

/** The group over the members of the families a context consumes (its own group: the member list changes at runtime). */
export function familyConsumer(context: ContextDeclaration): GroupConsumer | undefined {
  const families = context.topics.consumesFamilies ?? [];
  if (families.length === 0) return undefined;
  if (context.familyConsumerGroup === undefined || context.familyConsumerGroup === context.consumerGroup) {
    throw new Error(`context ${context.name} consumes topic families but declares no familyConsumerGroup of its own`);
  }
  return { group: context.familyConsumerGroup, topics: [], families: families.map(familyRead) };
}

/**
 * The sources of the lib that declares a context (`defineContext({ name: '<name>', ...`): the lib's
 * folder need not carry the context's name (the supplier context lives in libs/supplier-exchange).
 */
function contextSources(name: string): string[] {
  const libs = readdirSync(join(root, 'libs'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const declaring = libs.map((lib) => sourcesOf(join(root, 'libs', lib.name, 'src')).map((file) => readFileSync(file, 'utf8')))
    .filter((texts) => texts.some((text) => new RegExp(`defineContext\\(\\{\\s*name:\\s*'${name}'`).test(text)));
  if (declaring.length !== 1) throw new Error(`context ${name}: ${declaring.length} libs declare it (defineContext({ name: '${name}' ...)), expected 1`);
  return declaring[0] ?? [];
}

export const DEPLOYABLES: readonly Deployable[] = [
  ...PLATFORM_CONTEXTS.map((context) => ({
    name: context.name,
    port: context.defaultPort,
    known: [...keys(httpEnv(context.defaultPort)), ...SERVICE_ENV_FRAGMENTS.flatMap(keys), ...keys(context.env), ...keys(OtelEnv)],
    // The kit's runService requires Kafka and MongoDB (the fragments leave them optional for `npm start`).
    required: [...requiredKeys(context.env), ...MICROSERVICE_REQUIRED_ENV],
    subgraph: true,
    consumers: [groupConsumer(context, contextSources(context.name)), familyConsumer(context)].filter((consumer) => consumer !== undefined),
    ...((families) => (families.length > 0 ? { ownsFamilies: families.map(familyRead) } : {}))(context.topics.ownsFamilies ?? []),
    ...((edgeRoutes) => (edgeRoutes.length > 0 ? { edgeRoutes } : {}))(
      (context.httpRoutes ?? []).map((route) => ({ prefix: route.prefix, ...(route.maxBodyBytes !== undefined ? { maxBodyBytes: route.maxBodyBytes } : {}) })),
    ),
  })),
  {
    name: 'gateway',
    port: GATEWAY_DEFAULT_PORT,
    known: [...keys(httpEnv(GATEWAY_DEFAULT_PORT)), ...keys(GatewayEnv), ...keys(AuthEnv), ...keys(KafkaEnv), ...keys(OtelEnv)],
    required: requiredKeys(GatewayEnv),
    subgraph: false,
    subgraphList: 'GATEWAY_SUBGRAPHS',
    consumers: [],
  },
];

/**
 * A static web app: its own small server (static files, its CSP, a config document, health) in an
 * image of its own Dockerfile stage. It reads no Kafka, no database, verifies no token and exports no
 * traces, so the validator checks its Deployment as a workload (pod security, probes, resources,
 * replicas and budget, Service, image, env contract, NODE_ENV) and skips the platform service's
 * contract (Kafka user and ACLs, OTLP, AUTH_*, subgraph, lag autoscaling, compose, SERVICE build arg).
 */
export interface WebApp extends DeployedApp {
  /** The Dockerfile stage (`--target`) that builds its image. */
  readonly target: string;
  /** The server its image runs (compiled to dist/, same path, .js). */
  readonly entry: string;
  /** The path (Prefix) the Ingress serves it on: its files and client routes. */
  readonly edgePath: string;
}

export const WEB_APPS: readonly WebApp[] = [
  {
    name: 'portal',
    port: PORTAL_DEFAULT_PORT,
    known: [...keys(PortalServerEnv), ...keys(PortalOidcEnv)],
    required: [...requiredKeys(PortalServerEnv), ...requiredKeys(PortalOidcEnv)],
    target: 'portal',
    entry: 'apps/platform/src/portal/portal-server-main.ts',
    edgePath: '/',
  },
];
