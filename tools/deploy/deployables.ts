import { GATEWAY_DEFAULT_PORT, GatewayEnv } from '@itsm/gateway';
import { AuthEnv } from '@itsm/platform/auth';
import { httpEnv, OtelEnv } from '@itsm/platform/config';
import { MICROSERVICE_REQUIRED_ENV, SERVICE_ENV_FRAGMENTS } from '@itsm/platform/service';
import type { ContextDeclaration } from '@itsm/platform/service';
import * as contracts from '@itsm/contracts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLATFORM_CONTEXTS } from '../../apps/platform/src/contexts';
import { keys, requiredKeys } from './config-keys';

/**
 * One deployable app: each context of the platform (its declaration: name, default port, env
 * fragment, the kit's fragments) and the gateway. The compose services, Kubernetes workloads,
 * image build arguments and the gateway's subgraph lists are checked against this list, so adding a
 * context to apps/platform/src/contexts.ts is what makes the validator ask for its deployment.
 */
export interface Deployable {
  readonly name: string;
  readonly port: number;
  /** Every variable the app reads. */
  readonly known: readonly string[];
  /** Variables it refuses to start without (beyond the auth key source). */
  readonly required: readonly string[];
  /** Serves a subgraph the gateway federates. */
  readonly subgraph: boolean;
  /** `name=url` subgraph lists to resolve against Services (the gateway). */
  readonly subgraphList?: string;
  /** The Kafka consumer group its replicas share and the topics that group reads (KEDA scales it on their lag). */
  readonly consumer?: GroupConsumer;
  /** Path prefixes served at the edge (`/scim/v2`): the context's routes with an unreachable answer. */
  readonly edgeRoutes?: readonly string[];
}

export interface GroupConsumer {
  readonly group: string;
  readonly topics: readonly string[];
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
  return topics.length === 0 ? undefined : { group: context.consumerGroup, topics };
}

const contextSources = (name: string): string[] => sourcesOf(join(root, 'libs', name, 'src')).map((file) => readFileSync(file, 'utf8'));

export const DEPLOYABLES: readonly Deployable[] = [
  ...PLATFORM_CONTEXTS.map((context) => ({
    name: context.name,
    port: context.defaultPort,
    known: [...keys(httpEnv(context.defaultPort)), ...SERVICE_ENV_FRAGMENTS.flatMap(keys), ...keys(context.env), ...keys(OtelEnv)],
    // The kit's runService requires Kafka and MongoDB (the fragments leave them optional for `npm start`).
    required: [...requiredKeys(context.env), ...MICROSERVICE_REQUIRED_ENV],
    subgraph: true,
    ...((consumer) => (consumer ? { consumer } : {}))(groupConsumer(context, contextSources(context.name))),
    ...((edgeRoutes) => (edgeRoutes.length > 0 ? { edgeRoutes } : {}))((context.httpRoutes ?? []).filter((route) => route.unreachable !== undefined).map((route) => route.prefix)),
  })),
  {
    name: 'gateway',
    port: GATEWAY_DEFAULT_PORT,
    known: [...keys(httpEnv(GATEWAY_DEFAULT_PORT)), ...keys(GatewayEnv), ...keys(AuthEnv), ...keys(OtelEnv)],
    required: requiredKeys(GatewayEnv),
    subgraph: false,
    subgraphList: 'GATEWAY_SUBGRAPHS',
  },
];
