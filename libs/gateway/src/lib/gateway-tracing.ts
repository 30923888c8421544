import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Context, Span } from '@opentelemetry/api';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

const tracer = trace.getTracer('@itsm/gateway');

/**
 * The gateway's own spans when tracing runs (no-ops otherwise): `gateway.request` for each GraphQL
 * request (a child of the incoming HTTP span), and `gateway.fetch` for each subgraph call, its
 * child; the fetch span's context is what the subgraph receives as `traceparent`.
 */
export interface GatewayTracing {
  readonly plugin: GatewayPlugin;
  /** Runs one subgraph call in its `gateway.fetch` span: `call` gets the context to propagate. */
  fetchSpan<T>(request: Request | undefined, subgraph: string, call: (spanContext: Context) => Promise<T>): Promise<T>;
}

export function createGatewayTracing(): GatewayTracing {
  const requestSpans = new WeakMap<Request, Span>();
  return {
    plugin: {
      onRequest({ request }) {
        requestSpans.set(request, tracer.startSpan('gateway.request', { kind: SpanKind.INTERNAL }, context.active()));
      },
      onResponse({ request, response }) {
        const span = requestSpans.get(request);
        if (!span) return;
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        requestSpans.delete(request);
      },
    },
    async fetchSpan(request, subgraph, call) {
      const requestSpan = request ? requestSpans.get(request) : undefined;
      const parent = requestSpan ? trace.setSpan(context.active(), requestSpan) : context.active();
      const span = tracer.startSpan('gateway.fetch', { kind: SpanKind.CLIENT, attributes: { 'graphql.subgraph.name': subgraph } }, parent);
      try {
        return await call(trace.setSpan(parent, span));
      } catch (error: unknown) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  };
}
