import { defineTopic, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { activeTraceparent, runWithCorrelation, traceparentOf } from '@itsm/platform/observability';
import type { OutboxStore, PendingEvents } from '@itsm/platform/persistence';
import { expectEventually, startInMemoryTracing } from '@itsm/testing';
import type { InMemoryTracing } from '@itsm/testing';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Type } from '@sinclair/typebox';
import type { DeliveredEvent } from './event-bus';
import { InProcessEventBus } from './in-process/in-process-event-bus';
import { MessagingError, MessagingErrorCode } from './messaging.errors';
import { IN_PROCESS_MESSAGING_SYSTEM } from './message-tracing';
import { aggregateEnvelopes } from './outbox/aggregate-envelopes';
import { OutboxRelay } from './outbox/outbox-relay';

const topic = defineTopic({
  name: 'itsm.traced.v1',
  aggregate: 'ticket',
  partitions: 2,
  events: { 'itsm.ticket.opened.v1': Type.Object({ at: Type.String(), title: Type.String() }, { additionalProperties: false }) },
});
const registry = new TopicRegistry([topic]);
const envelopes = { registry, topicOf: () => topic.name, source: '/itsm/ticket', invalid: (message: string) => new Error(message) };
const opened = (title: string) => [{ type: 'itsm.ticket.opened.v1', data: { at: new Date().toISOString(), title } }];

/** An outbox in memory: what a repository wrote, until the relay marks it published. */
class MemoryOutbox implements OutboxStore {
  readonly topic = topic.name;
  private items: PendingEvents[] = [];

  write(aggregateId: string, events: readonly EventEnvelope[]): void {
    this.items.push({ aggregateId, version: 1, events });
  }

  pending(limit: number): Promise<readonly PendingEvents[]> {
    return Promise.resolve(this.items.slice(0, limit));
  }

  markPublished(item: PendingEvents): Promise<void> {
    this.items = this.items.filter((candidate) => candidate !== item);
    return Promise.resolve();
  }
}

const traceparentOfSpan = (span: ReadableSpan): string | undefined => traceparentOf(trace.setSpanContext(ROOT_CONTEXT, span.spanContext()));
const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

/** A bus with one consumer group recording what its handler saw; `fail` makes the handler refuse. */
async function consumingBus(fail?: Error) {
  const bus = new InProcessEventBus(registry);
  const seen: { envelope: EventEnvelope; activeTraceparent: string | undefined }[] = [];
  await bus.subscribe({
    group: 'sla',
    topics: [topic.name],
    retry: { maxAttempts: 2, backoff: { baseMs: 1, maxMs: 1, jitter: 0 } },
    handle: (event: DeliveredEvent) => {
      seen.push({ envelope: event.envelope, activeTraceparent: activeTraceparent() });
      return fail ? Promise.reject(fail) : Promise.resolve();
    },
  });
  await bus.start();
  return { bus, seen };
}

// First, before any test registers the SDK: the API's no-op tracer, as in a process with tracing off.
describe('messaging with tracing off', () => {
  it('records nothing and passes the caller traceparent through unchanged', async () => {
    const caller = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const outbox = new MemoryOutbox();
    runWithCorrelation({ correlationId: 'c-1', traceparent: caller }, () => outbox.write('t-4', aggregateEnvelopes(envelopes, 't-4', 0, opened('VPN flaps'))));
    const { bus, seen } = await consumingBus();
    await new OutboxRelay([outbox], bus).drain();
    await expectEventually(() => expect(seen).toHaveLength(1));
    await bus.close();
    expect(seen[0]!.envelope.traceparent).toBe(caller);
    expect(seen[0]!.activeTraceparent).toBeUndefined();
  });
});

describe('messaging spans, linked through the CloudEvents traceparent', () => {
  let tracing: InMemoryTracing;
  beforeAll(async () => {
    tracing = await startInMemoryTracing();
  });
  afterEach(() => tracing.reset());
  afterAll(() => tracing.stop());

  it('runs one trace from the request that wrote an event, through the relay (later, in another context) and the bus, into the consumer', async () => {
    const tracer = trace.getTracer('test');
    const outbox = new MemoryOutbox();
    const request = tracer.startActiveSpan('POST /graphql', (span) => {
      outbox.write('t-1', aggregateEnvelopes(envelopes, 't-1', 0, opened('Mail down')));
      span.end();
      return span.spanContext();
    });
    const [stored] = (await outbox.pending(10))[0]!.events;
    expect(stored!.traceparent).toBe(`00-${request.traceId}-${request.spanId}-01`);

    const { bus, seen } = await consumingBus();
    // The relay's round runs on its own timer, outside the request: no span is active there.
    await context.with(ROOT_CONTEXT, () => new OutboxRelay([outbox], bus).drain());
    await expectEventually(() => expect(tracing.spans().map((span) => span.name)).toContain(`process ${topic.name}`));
    await bus.close();

    const relay = tracing.span(`outbox relay ${topic.name}`);
    const send = tracing.span(`send ${topic.name}`);
    const process = tracing.span(`process ${topic.name}`);
    expect(new Set([relay, send, process].map((span) => span.spanContext().traceId))).toEqual(new Set([request.traceId]));
    expect(parentOf(relay)).toBe(request.spanId);
    expect(parentOf(send)).toBe(relay.spanContext().spanId);
    expect(parentOf(process)).toBe(send.spanContext().spanId);
    expect([relay.kind, send.kind, process.kind]).toEqual([SpanKind.INTERNAL, SpanKind.PRODUCER, SpanKind.CONSUMER]);
    expect(send.attributes).toMatchObject({ 'messaging.system': IN_PROCESS_MESSAGING_SYSTEM, 'messaging.destination.name': topic.name, 'cloudevents.event_id': stored!.id });
    expect(process.attributes).toMatchObject({ 'messaging.consumer.group.name': 'sla', 'itsm.event.outcome': 'handled', 'cloudevents.event_type': 'itsm.ticket.opened.v1' });

    // On the topic the envelope carries the producer span's context; the handler runs in the consume span.
    expect(seen).toHaveLength(1);
    expect(seen[0]!.envelope.traceparent).toBe(traceparentOfSpan(send));
    expect(seen[0]!.activeTraceparent).toBe(traceparentOfSpan(process));
    // The outbox entry keeps what the request stored; re-stamping is per hop, on the copy sent.
    expect(stored!.traceparent).toBe(`00-${request.traceId}-${request.spanId}-01`);
  });

  it('continues the trace in what a consumer writes, and marks a dead-lettered event as an error', async () => {
    const incoming = aggregateEnvelopes(envelopes, 't-2', 0, opened('Printer jam'));
    expect(incoming[0]!.traceparent).toBeUndefined(); // no span, no caller trace: none invented

    const { bus, seen } = await consumingBus(new MessagingError(MessagingErrorCode.HandlerFailed, 'database says no', false));
    await bus.publishEnvelopes(topic.name, incoming);
    await expectEventually(() => expect(tracing.spans().map((span) => span.name)).toContain(`process ${topic.name}`));
    await bus.close();

    const send = tracing.span(`send ${topic.name}`);
    const process = tracing.span(`process ${topic.name}`);
    expect(parentOf(send)).toBeUndefined(); // published outside any span: the event starts a trace
    expect(parentOf(process)).toBe(send.spanContext().spanId);
    expect(process.status.code).toBe(SpanStatusCode.ERROR);
    expect(process.attributes['itsm.event.outcome']).toBe('dead-lettered');
    expect(process.events.map((event) => event.name)).toEqual(['exception', 'gave up']);

    // An event a handler writes (a cascade, an SLA emission) is the consume span's child.
    const written = trace.getTracer('test').startActiveSpan('handler', (span) => {
      const inner = context.with(trace.setSpan(context.active(), span), () => aggregateEnvelopes(envelopes, 't-3', 0, opened('Follow-up')));
      span.end();
      return { inner, span: span.spanContext() };
    });
    expect(written.inner[0]!.traceparent).toBe(`00-${written.span.traceId}-${written.span.spanId}-01`);
    expect(seen).toHaveLength(1);
  });
});
