import { context, defaultTextMapGetter, defaultTextMapSetter, isSpanContextValid, ProxyTracerProvider, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * The W3C trace context of the CloudEvents `traceparent` extension. Always W3C, whatever
 * OTEL_PROPAGATORS says about HTTP headers: the envelope's format is part of the event contract.
 */
const w3c = new W3CTraceContextPropagator();

/** What the API's global provider delegates to while no SDK is registered. */
const NO_SDK = new ProxyTracerProvider().getDelegate();

/**
 * True while an SDK records spans in this process. Code that makes many spans (one per event)
 * checks it first, so with tracing off it skips even the no-op spans and their attributes.
 */
export function isTracing(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NO_SDK;
}

/** The `traceparent` of a context's span, if it has a valid one. */
export function traceparentOf(ctx: Context): string | undefined {
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, defaultTextMapSetter);
  return carrier['traceparent'];
}

/** The `traceparent` of the span running now (undefined when tracing is off or no span runs). */
export function activeTraceparent(): string | undefined {
  return traceparentOf(context.active());
}

/** `base` with a remote parent span read from a `traceparent` (unchanged when absent or malformed). */
export function contextWithTraceparent(traceparent: string | undefined, base: Context = ROOT_CONTEXT): Context {
  return traceparent === undefined ? base : w3c.extract(base, { traceparent }, defaultTextMapGetter);
}

/** Log fields of the span running now: `trace_id`, `span_id`, `trace_flags` (none without a span). */
export function traceLogFields(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (span === undefined) return {};
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId, trace_flags: `0${spanContext.traceFlags.toString(16)}` };
}
