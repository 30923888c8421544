import { context, propagation } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { Context } from '@opentelemetry/api';
import { BreakerOpenError, BreakerTimeoutError } from '@itsm/platform/resilience';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { GraphQLError } from 'graphql';
import type { GatewayContext } from './gateway-context';
import { GatewayErrorCode, gatewayError } from './gateway.errors';
import type { GatewayLogger } from './gateway-logger';
import type { HttpFetch, SubgraphBreakers } from './subgraph-fetcher';
import type { GatewayTracing } from './gateway-tracing';

/** What the client learns of a failed subgraph call: a typed code, never the subgraph's URL or body. */
export function subgraphFailure(subgraph: string, error: unknown): GraphQLError {
  const extensions = { serviceName: subgraph };
  if (error instanceof BreakerOpenError) {
    return gatewayError(GatewayErrorCode.SubgraphCircuitOpen, `subgraph "${subgraph}" is unavailable (circuit open)`, extensions);
  }
  if (error instanceof BreakerTimeoutError) {
    return gatewayError(GatewayErrorCode.SubgraphTimeout, `subgraph "${subgraph}" did not answer within ${error.timeoutMs} ms`, extensions);
  }
  return gatewayError(GatewayErrorCode.SubgraphUnavailable, `subgraph "${subgraph}" is unavailable`, extensions);
}

/** A subgraph's failure as the subgraph answer the planner reads: no data, the typed error. */
function failureAnswer(subgraph: string, error: unknown): Response {
  return Response.json({ data: null, errors: [subgraphFailure(subgraph, error).toJSON()] });
}

export interface SubgraphCallOptions {
  /** Subgraph name by the URL the supergraph names for it. */
  readonly subgraphOf: (url: string) => string | undefined;
  readonly breakers: SubgraphBreakers;
  readonly tracing: GatewayTracing;
  readonly logger: GatewayLogger;
}

/**
 * The caller's token, correlation id and `traceparent` on each of its subgraph calls. Set before the
 * runtime builds the request, so they are part of the request as every layer sees it.
 */
export function forwardedHeaders({ context: callContext }: { context: Partial<GatewayContext> }): Record<string, string> {
  return { ...callContext.forwardHeaders };
}

/**
 * Runtime options for every subgraph's HTTP transport. In-flight deduplication is off: it keys
 * requests by what the transport builds, so two callers' identical operations could share one answer
 * (a security boundary the gateway keeps per caller, whatever a later version keys on).
 */
export const SUBGRAPH_TRANSPORT_ENTRIES = { '*.http': { options: { deduplicateInflightRequests: false } } };

/**
 * Every call to a subgraph goes through that subgraph's breaker (timeout, 5xx and network failures
 * count), carries the trace context (the gateway's span for the call when tracing runs, else the
 * caller's `traceparent`), and fails with a typed error: a refused,
 * timed-out or failed call reaches the planner as that subgraph's answer of one GATEWAY.* error,
 * so the rest of the operation still runs (partial data) and no URL or body leaks to the client.
 */
export function useSubgraphCalls({ subgraphOf, breakers, tracing, logger }: SubgraphCallOptions): GatewayPlugin<GatewayContext> {
  return {
    onFetch({ url, fetchFn, setFetchFn, context: callContext }) {
      const subgraph = subgraphOf(url);
      // Supergraph loading and composition's `_service` calls carry no caller and no breaker.
      if (subgraph === undefined || !('forwardHeaders' in callContext)) return;
      // The runtime's own fetch (pooled keep-alive connections), behind the subgraph's breaker.
      const fetcher = breakers.fetcherFor(subgraph, fetchFn as unknown as HttpFetch);
      const call = async (target: string, init: RequestInit, spanContext: Context): Promise<Response> => {
        // The caller's own headers were set by the runtime (forwardedHeaders); the trace context is this call's.
        const headers = new Headers(init.headers);
        propagation.inject(spanContext, headers, { set: (carrier, name, value) => carrier.set(name, value) });
        try {
          // One span per subgraph call: the HTTP client's instrumentation would add its own span and
          // replace the traceparent set above, so the call runs with tracing suppressed.
          const response = await context.with(suppressTracing(spanContext), () => fetcher(target, { ...init, headers }));
          if (response.status < 500) return response;
          logger.warn(`subgraph "${subgraph}" answered HTTP ${response.status}`);
          return failureAnswer(subgraph, undefined);
        } catch (error: unknown) {
          logger.warn(`subgraph "${subgraph}" call failed: ${error instanceof Error ? error.message : String(error)}`);
          return failureAnswer(subgraph, error);
        }
      };
      const request = (callContext as { request?: Request }).request;
      setFetchFn(((target: string | URL, init?: RequestInit) => tracing.fetchSpan(request, subgraph, (spanContext) => call(String(target), init ?? {}, spanContext))) as never);
    },
  };
}
