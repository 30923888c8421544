import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { context, propagation } from '@opentelemetry/api';
import { BreakerOpenError, BreakerTimeoutError } from '@itsm/platform/resilience';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './gateway-context';
import { GatewayErrorCode, gatewayError } from './gateway.errors';
import type { GatewayLogger } from './gateway-logger';
import type { SubgraphFetcher } from './subgraph-fetcher';

/** What the client learns of a failed subgraph call: a typed code, never the subgraph's URL or body. */
export function subgraphFailure(subgraph: string, error: unknown): GraphQLError {
  const extensions = { serviceName: subgraph };
  if (error instanceof BreakerOpenError) {
    return gatewayError(GatewayErrorCode.SubgraphCircuitOpen, `subgraph "${subgraph}" is unavailable (circuit open)`, extensions);
  }
  if (error instanceof BreakerTimeoutError) {
    return gatewayError(GatewayErrorCode.SubgraphTimeout, `subgraph "${subgraph}" did not answer within ${error.timeoutMs} ms`, extensions);
  }
  if (error instanceof GraphQLError) {
    // RemoteGraphQLDataSource's non-2xx answer: 401/403 keep their meaning, the rest is an outage.
    const code = error.extensions['code'];
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') return new GraphQLError(error.message, { extensions: { code, ...extensions } });
  }
  return gatewayError(GatewayErrorCode.SubgraphUnavailable, `subgraph "${subgraph}" is unavailable`, extensions);
}

/**
 * A subgraph behind its breaker, forwarding the caller's token and correlation id, and the trace
 * context: the gateway's span for this fetch when tracing runs (the subgraph's spans become its
 * children), else the caller's `traceparent` as it came.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    fetcher: SubgraphFetcher,
    private readonly logger: GatewayLogger,
  ) {
    super({ url, fetcher });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Schema loading and health checks carry no caller: `_service` is served without a token.
    if (!('incomingRequestContext' in options)) return;
    const headers = options.request.http?.headers;
    for (const [name, value] of Object.entries(options.context.forwardHeaders)) headers?.set(name, value);
    if (headers) propagation.inject(context.active(), headers, { set: (carrier, name, value) => carrier.set(name, value) });
  }

  override didEncounterError(error: Error, _request: unknown, _response?: unknown, context?: Partial<GatewayContext>): void {
    // Schema loading failures (no caller context) are reported by the composer, with its retry plan.
    if (context?.forwardHeaders) this.logger.warn(`subgraph "${this.subgraph}" call failed: ${error.message}`);
    throw subgraphFailure(this.subgraph, error);
  }
}
