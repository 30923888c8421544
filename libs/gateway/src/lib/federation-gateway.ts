import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import * as httpTransport from '@graphql-mesh/transport-http';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { TokenVerifier } from '@itsm/platform/auth';
import { breakerStateMetric } from '@itsm/platform/observability';
import type { HealthRegistry, MetricsRegistry } from '@itsm/platform/observability';
import type { RequestListener, Server } from 'node:http';
import { createEdgeAuth, maskUnexpected, noIntrospectionRule, useAnswerErrors, useCsrfPrevention, useValidationRules } from './edge-plugins';
import { trustedDocumentsOptions } from './trusted-documents';
import type { GatewaySettings } from './gateway-env';
import type { GatewayLogger } from './gateway-logger';
import { queryLimitRules } from './query-limits';
import { STARTING_SUBGRAPH, STARTING_SUPERGRAPH_SDL } from './starting-supergraph';
import { COMPOSE_RETRY, SupergraphComposer } from './supergraph-composer';
import { forwardedHeaders, SUBGRAPH_TRANSPORT_ENTRIES, useSubgraphCalls } from './subgraph-calls';
import { createSubgraphBreakers } from './subgraph-fetcher';
import { createGatewayTracing } from './gateway-tracing';
import { LIVE_FEEDS } from './live/live-feeds';
import { LiveHub } from './live/live-hub';
import { LIVE_REQUERY_HEADER, newRequeryMarker, runtimeRequery, sameSecret } from './live/live-events';
import { attachLiveSocket } from './live/live-socket';

export const DEFAULT_COMPOSE_TIMEOUT_MS = 5_000;
export const DEFAULT_POLL_INTERVAL_MS = 30_000;
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;
export const SUPERGRAPH_READINESS_CHECK = 'gateway-supergraph';
/** Where the gateway serves GraphQL. */
export const GRAPHQL_PATH = '/graphql';

export interface GatewayDeps {
  readonly health: HealthRegistry;
  readonly metrics: MetricsRegistry;
  readonly logger: GatewayLogger;
}

/** The federated gateway: a Node request handler for GRAPHQL_PATH, and its lifecycle. */
export interface FederationGateway {
  readonly handle: RequestListener;
  /** Resolves once the first supergraph is served, or the start wait is over (then not ready). */
  start(): Promise<void>;
  /** Serves subscriptions over WebSocket on `server` at GRAPHQL_PATH (until close). */
  attach(server: Server): void;
  close(): Promise<void>;
}

/**
 * The gateway on Hive Gateway's runtime with the Rust query planner: the supergraph composed from
 * the subgraphs (SupergraphComposer, re-composed when they change), authentication, readiness and
 * CSRF prevention before any GraphQL work, the query limits as validation rules, no introspection,
 * suggestions or internal messages in production, trusted documents when configured, and every
 * subgraph call behind its breaker.
 */
export function createFederationGateway(settings: GatewaySettings, { health, metrics, logger }: GatewayDeps): FederationGateway {
  const production = settings.nodeEnv === 'production';
  const subgraphTimeoutMs = settings.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
  const breakers = createSubgraphBreakers(subgraphTimeoutMs, { onStateChange: breakerStateMetric(metrics) });
  const subgraphByUrl = new Map(settings.subgraphs.map(({ name, url }) => [url, name]));
  let supergraph = STARTING_SUPERGRAPH_SDL;
  let unregister = (): void => undefined;
  const composer = new SupergraphComposer({
    subgraphs: settings.subgraphs,
    startupWaitMs: settings.composeTimeoutMs ?? DEFAULT_COMPOSE_TIMEOUT_MS,
    pollIntervalMs: settings.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    retry: COMPOSE_RETRY,
    logger,
    onStop: () => {
      unregister();
      breakers.shutdown();
    },
  });
  unregister = health.register({ name: SUPERGRAPH_READINESS_CHECK, check: () => composer.ready });
  const tracing = createGatewayTracing();
  const edgeAuth = createEdgeAuth({ verifier: TokenVerifier.fromSettings(settings.auth), isReady: () => composer.ready, logger });
  const rules = [...queryLimitRules(settings.limits), ...(production ? [noIntrospectionRule] : [])];
  // A subscription's changes are re-queried through this same runtime, marked as the gateway's own.
  const requeryMarker = newRequeryMarker();
  const isRequery = (request: Request): boolean => sameSecret(request.headers.get(LIVE_REQUERY_HEADER), requeryMarker);
  const openSubscriptions = metrics.gauge('gateway_subscriptions', 'Subscriptions open on this gateway, by field', ['field']);
  const feedUp = metrics.gauge('gateway_subscription_feed_up', '1 when the event feed of subscriptions runs, 0 when subscriptions are off');
  let hub = settings.liveEvents ? new LiveHub({ onCount: (field, open) => openSubscriptions.labels(field).set(open) }) : undefined;
  const gateway = createGatewayRuntime({
    supergraph: () => supergraph,
    unifiedGraphHandler,
    transports: { http: httpTransport },
    transportEntries: SUBGRAPH_TRANSPORT_ENTRIES,
    propagateHeaders: { fromClientToSubgraphs: forwardedHeaders },
    graphqlEndpoint: GRAPHQL_PATH,
    logging: false,
    landingPage: false,
    graphiql: false,
    // In production a defect's message never reaches the caller; coded errors are formatted by useAnswerErrors.
    maskedErrors: production ? { maskError: maskUnexpected } : false,
    // The correlation id is the gateway's request id (forwarded as x-correlation-id).
    requestId: false,
    ...(settings.trustedDocuments ? { persistedDocuments: trustedDocumentsOptions(settings.trustedDocuments, edgeAuth.principalOf, isRequery) } : {}),
    plugins: () => [
      tracing.plugin,
      useCsrfPrevention(),
      edgeAuth.plugin,
      useValidationRules(rules),
      useSubgraphCalls({ subgraphOf: (url) => subgraphByUrl.get(url), breakers, tracing, logger }),
      useAnswerErrors(production),
    ],
  });
  const adopt = (sdl: string): void => {
    supergraph = sdl;
    gateway.invalidateUnifiedGraph();
  };
  let cleanup: (() => Promise<void>) | undefined;
  let socket: { close(): Promise<void> } | undefined;
  return {
    handle: gateway as unknown as RequestListener,
    attach(server) {
      socket = attachLiveSocket(server, GRAPHQL_PATH, {
        feeds: LIVE_FEEDS,
        hub: () => hub,
        authenticate: edgeAuth.authenticate,
        schema: async () => gateway.getSchema(),
        rules,
        requery: runtimeRequery(async (request) => gateway.fetch(request), `http://gateway${GRAPHQL_PATH}`, requeryMarker),
        ...(settings.trustedDocuments ? { trusted: settings.trustedDocuments } : {}),
        production,
        logger,
      });
    },
    async start() {
      const initialized = await composer.initialize({
        update: adopt,
        healthCheck: async () => undefined,
        getDataSource: ({ name, url }) => (name === STARTING_SUBGRAPH || url === undefined ? undefined : new RemoteGraphQLDataSource({ url })) as never,
      });
      cleanup = initialized.cleanup;
      adopt(initialized.supergraphSdl);
      const live = hub;
      if (live && settings.liveEvents) {
        try {
          await settings.liveEvents.listen([...new Set(LIVE_FEEDS.map((feed) => feed.topic))], (topic, event) => {
            for (const feed of LIVE_FEEDS) {
              const id = feed.topic === topic ? feed.idOf(event) : undefined;
              if (id !== undefined) live.publish(feed.field, id, feed.audience?.(event));
            }
          });
          feedUp.set(1);
        } catch (error: unknown) {
          // Queries go on; subscriptions answer GATEWAY.SUBSCRIPTIONS_UNAVAILABLE until the gateway restarts (gateway_subscription_feed_up 0).
          logger.error(`subscriptions are off: the event feed did not start (${error instanceof Error ? error.message : String(error)})`);
          hub = undefined;
        }
      }
    },
    async close() {
      await socket?.close();
      await hub?.close();
      await settings.liveEvents?.close();
      await cleanup?.();
      await gateway.dispose();
    },
  };
}
