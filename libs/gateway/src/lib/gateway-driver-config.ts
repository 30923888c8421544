import type { GraphQLDataSource } from '@apollo/gateway';
import type { ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { TokenVerifier } from '@itsm/platform/auth';
import { breakerStateMetric } from '@itsm/platform/observability';
import type { HealthRegistry, MetricsRegistry } from '@itsm/platform/observability';
import type { GraphQLFormattedError } from 'graphql';
import { createGatewayContext } from './gateway-context';
import type { GatewaySettings } from './gateway-env';
import { GatewayErrorCode, gatewayError } from './gateway.errors';
import type { GatewayLogger } from './gateway-logger';
import { queryLimitRules } from './query-limits';
import { STARTING_SUBGRAPH } from './starting-supergraph';
import { COMPOSE_RETRY, SupergraphComposer } from './supergraph-composer';
import { SubgraphDataSource } from './subgraph-data-source';
import { createSubgraphBreakers } from './subgraph-fetcher';

export const DEFAULT_COMPOSE_TIMEOUT_MS = 5_000;
export const DEFAULT_POLL_INTERVAL_MS = 30_000;
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;
export const SUPERGRAPH_READINESS_CHECK = 'gateway-supergraph';

export interface GatewayDeps {
  readonly health: HealthRegistry;
  readonly metrics: MetricsRegistry;
  readonly logger: GatewayLogger;
}

/** Production answers carry no stack traces (also none forwarded from a subgraph) and no internal messages. */
export function productionFormatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
  const internal = extensions['code'] === 'INTERNAL_SERVER_ERROR';
  return { ...formatted, message: internal ? 'Internal server error' : formatted.message, extensions };
}

/** The placeholder subgraph of the starting supergraph: never called, as the context refuses every operation. */
const startingDataSource: GraphQLDataSource = {
  process: () => Promise.reject(gatewayError(GatewayErrorCode.NotReady, 'the gateway is starting')),
};

/** Everything ApolloGatewayDriver needs: composition, subgraph calls, edge auth, limits, hardening. */
export function gatewayDriverConfig(settings: GatewaySettings, { health, metrics, logger }: GatewayDeps): ApolloGatewayDriverConfig {
  const production = settings.nodeEnv === 'production';
  const breakers = createSubgraphBreakers(settings.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS, {
    onStateChange: breakerStateMetric(metrics),
  });
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
  const verifier = TokenVerifier.fromSettings(settings.auth);

  return {
    gateway: {
      supergraphSdl: composer,
      logger,
      buildService: ({ name, url }) =>
        name === STARTING_SUBGRAPH || url === undefined ? startingDataSource : new SubgraphDataSource(name, url, breakers.fetcherFor(name), logger),
    },
    server: {
      path: '/graphql',
      logger,
      context: createGatewayContext({ verifier, isReady: () => composer.ready, logger }),
      validationRules: queryLimitRules(settings.limits),
      allowBatchedHttpRequests: false,
      csrfPrevention: true,
      introspection: !production,
      includeStacktraceInErrorResponses: !production,
      hideSchemaDetailsFromClientErrors: production,
      playground: false,
      ...(production ? { formatError: productionFormatError } : {}),
    },
  };
}
