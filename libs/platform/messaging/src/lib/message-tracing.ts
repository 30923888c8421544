import type { EventEnvelope } from '@itsm/contracts';
import { contextWithTraceparent, isTracing, traceparentOf } from '@itsm/platform/observability';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, Span } from '@opentelemetry/api';

/**
 * Spans of the messaging kit, made with the OpenTelemetry API (not by patching kafkajs): one per
 * event, parented through the CloudEvents `traceparent`, so a trace runs from the request that
 * wrote an event through the outbox relay, the bus and into each consumer's handling. With tracing
 * off, none is made (not even a no-op one) and every `traceparent` passes through unchanged.
 */
const tracer = trace.getTracer('@itsm/platform/messaging');

/** `messaging.system` of the in-process bus (the all-in-one mode without Kafka). */
export const IN_PROCESS_MESSAGING_SYSTEM = 'itsm_in_process';

/** The outbox relay's step of an event's trace (its span's parent is the request that wrote it). */
export const OUTBOX_RELAY_SPAN = 'outbox relay';

export interface EventSpanKind {
  /** The span name's verb: `send <topic>`, `outbox relay <topic>`. */
  readonly operation: string;
  readonly kind: SpanKind;
  /** Where the events go: the `messaging.*` and `itsm.*` attributes every span of the call gets. */
  readonly attributes: Attributes;
}

/** The OpenTelemetry semantic-convention attributes of one CloudEvent. */
export function eventAttributes(event: EventEnvelope): Attributes {
  return {
    'messaging.message.id': event.id,
    'messaging.kafka.message.key': event.subject,
    'cloudevents.event_id': event.id,
    'cloudevents.event_source': event.source,
    'cloudevents.event_type': event.type,
    'cloudevents.event_subject': event.subject,
    'cloudevents.event_spec_version': event.specversion,
  };
}

function fail(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * Runs `work` over `events` with one span per event, each the child of the event's `traceparent`
 * (else of the span running now). `work` gets the events re-stamped with their own span's
 * `traceparent`, so the next hop (the bus, a consumer) continues from this one.
 */
export async function withEventSpans<R>(
  topic: string,
  events: readonly EventEnvelope[],
  span: EventSpanKind,
  work: (stamped: readonly EventEnvelope[]) => Promise<R>,
): Promise<R> {
  if (!isTracing()) return work(events);
  const spans = events.map((event) =>
    tracer.startSpan(
      `${span.operation} ${topic}`,
      { kind: span.kind, attributes: { 'messaging.destination.name': topic, ...span.attributes, ...eventAttributes(event) } },
      event.traceparent === undefined ? context.active() : contextWithTraceparent(event.traceparent),
    ),
  );
  const stamped = events.map((event, index) => {
    const own = spans[index] as Span;
    const traceparent = own.isRecording() ? traceparentOf(trace.setSpan(ROOT_CONTEXT, own)) : undefined;
    return traceparent === undefined || traceparent === event.traceparent ? event : { ...event, traceparent };
  });
  try {
    return await work(stamped);
  } catch (error) {
    for (const own of spans) fail(own, error);
    throw error;
  } finally {
    for (const own of spans) own.end();
  }
}

export interface ConsumedEventFacts {
  readonly system: string | undefined;
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Runs one consumed event's handling (every attempt, and the dead-letter write) in a CONSUMER span
 * whose parent is the event's `traceparent`, and as the active span: what the handler does (MongoDB
 * writes, events it writes to its outbox) continues the same trace. `run` answers the outcome.
 */
export async function withConsumeSpan<O extends string>(event: EventEnvelope, facts: ConsumedEventFacts, run: () => Promise<O>): Promise<O> {
  if (!isTracing()) return run();
  const parent = contextWithTraceparent(event.traceparent);
  const span = tracer.startSpan(
    `process ${facts.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...(facts.system === undefined ? {} : { 'messaging.system': facts.system }),
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': facts.topic,
        'messaging.consumer.group.name': facts.group,
        'messaging.destination.partition.id': String(facts.partition),
        'messaging.kafka.offset': Number(facts.offset),
        ...eventAttributes(event),
      },
    },
    parent,
  );
  try {
    const outcome = await context.with(trace.setSpan(parent, span), run);
    span.setAttribute('itsm.event.outcome', outcome);
    if (outcome === 'dead-lettered') span.setStatus({ code: SpanStatusCode.ERROR, message: 'dead-lettered' });
    return outcome;
  } catch (error) {
    fail(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * One consume span per event of a run handled in one call (as `withConsumeSpan`, each the child of
 * its event's `traceparent`); `run` runs with the last event's span active. A failing run fails every span.
 */
export function withConsumeSpans<O extends string>(
  events: readonly { readonly event: EventEnvelope; readonly facts: ConsumedEventFacts }[],
  run: () => Promise<O>,
): Promise<O> {
  if (!isTracing()) return run();
  return events.reduceRight<() => Promise<O>>((inner, { event, facts }) => () => withConsumeSpan(event, facts, inner), run)();
}

/** Notes a failed attempt on the consume span running now (the retry that follows is its own event). */
export function recordFailedAttempt(error: unknown, attempt: number, willRetry: boolean): void {
  const span = trace.getActiveSpan();
  if (span === undefined || !span.isRecording()) return;
  span.recordException(error instanceof Error ? error : String(error));
  span.addEvent(willRetry ? 'retry' : 'gave up', { attempt });
}
