import { TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { currentCorrelation, MetricsRegistry, ObservabilityModule } from '@itsm/platform/observability';
import { expectEventually, probeEvent, probeTopic } from '@itsm/testing';
import { Inject, Module } from '@nestjs/common';
import type { INestApplication, Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { Writable } from 'node:stream';
import { DLQ_HEADERS } from '../dead-letter';
import type { EventBus } from '../event-bus';
import type { InProcessEventBus } from '../in-process/in-process-event-bus';
import type { TopicDefinition } from '@itsm/contracts';
import { EventBatchPattern, EventBusBatchContext, EventBusContext, EventBusTransport } from './event-bus.transport';
import { EventConsumer } from './event-consumer.decorator';
import { EVENT_BUS, MessagingModule } from './messaging.module';

const topic = probeTopic('itsm.nest-probe.v1');
const seen: { sequence: number; correlationId: string | undefined; partition: number }[] = [];
let attemptsOnPoison = 0;

@EventConsumer()
class ProbeConsumer {
  @EventPattern(topic.name)
  handle(@Payload() event: EventEnvelope<string, { key: string; n: number }>, @Ctx() context: EventBusContext): Promise<void> {
    if (event.data.key === 'poison') {
      attemptsOnPoison++;
      return Promise.reject(new Error('poison pill'));
    }
    seen.push({ sequence: event.sequence, correlationId: currentCorrelation()?.correlationId, partition: context.getEvent().partition });
    return Promise.resolve();
  }
}

@Module({ controllers: [ProbeConsumer] })
class ProbeModule {
  constructor(@Inject(EVENT_BUS) readonly bus: EventBus) {}
}

/** An app of `consumers` on the in-process bus, its transport's group `<service>-service` (2 attempts, fast backoff). */
async function boot(service: string, topics: readonly TopicDefinition[], consumers: Type) {
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ObservabilityModule.forRoot({ serviceName: service, logLevel: 'error', collectDefaultMetrics: false, logDestination: silent }),
      MessagingModule.forRoot({ registry: new TopicRegistry(topics) }),
      consumers,
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  const bus: InProcessEventBus<readonly TopicDefinition[]> = app.get(EVENT_BUS);
  app.connectMicroservice({ strategy: new EventBusTransport(bus, { group: `${service}-service`, retry: { maxAttempts: 2, backoff: { baseMs: 1, maxMs: 2, jitter: 0 } } }) });
  await app.startAllMicroservices();
  await app.init();
  return { app, bus };
}

describe('EventBusTransport (@nestjs/microservices custom strategy)', () => {
  let app: INestApplication;
  let bus: InProcessEventBus<readonly TopicDefinition[]>;

  beforeAll(async () => {
    ({ app, bus } = await boot('probe', [topic], ProbeModule));
  });
  afterAll(() => app.close());

  it('delivers events to @EventPattern handlers in per-key order, inside the event correlation context', async () => {
    const events = Array.from({ length: 50 }, (_, i) => probeEvent('ticket-1', i + 1));
    await bus.publish(topic.name, events);
    await expectEventually(() => expect(seen).toHaveLength(50));
    expect(seen.map((s) => s.sequence)).toEqual(events.map((e) => e.sequence));
    expect(seen.map((s) => s.correlationId)).toEqual(events.map((e) => e.correlationid));
  });

  it('retries a throwing handler, dead-letters the event and counts it in the metrics', async () => {
    const poison = { ...probeEvent('ticket-2', 1), data: { key: 'poison', n: 1 } };
    await bus.publish(topic.name, [poison, probeEvent('ticket-2', 2)]);
    await expectEventually(() => expect(bus.records(`${topic.name}.dlq`)).toHaveLength(1));
    const [dead] = bus.records(`${topic.name}.dlq`);
    expect(attemptsOnPoison).toBe(2);
    expect(dead?.headers[DLQ_HEADERS.reason]).toBe('Error: poison pill');
    expect(dead?.headers[DLQ_HEADERS.group]).toBe('probe-service');
    await expectEventually(() => expect(seen.map((s) => s.sequence)).toContain(2));
    const metrics = await app.get(MetricsRegistry).metrics();
    expect(metrics).toMatch(/itsm_events_dead_lettered_total\{.*group="probe-service".*\} 1/);
    expect(metrics).toMatch(/itsm_events_consumed_total\{.*outcome="handled".*\} 51/);
  });
});

const singles = probeTopic('itsm.nest-singles.v1');
const runs = probeTopic('itsm.nest-runs.v1');
const singleCalls: number[] = [];
const runCalls: { sequences: number[]; offsets: string[] }[] = [];

@EventConsumer()
class MixedConsumer {
  @EventPattern(singles.name)
  single(@Payload() event: EventEnvelope<string, { key: string; n: number }>): Promise<void> {
    singleCalls.push(event.sequence);
    return Promise.resolve();
  }

  @EventBatchPattern(runs.name)
  run(@Payload() events: readonly EventEnvelope<string, { key: string; n: number }>[], @Ctx() context: EventBusBatchContext): Promise<void> {
    if (events.some((e) => e.data.key === 'poison')) return Promise.reject(new Error('poison in the run'));
    runCalls.push({ sequences: events.map((e) => e.sequence), offsets: context.getEvents().map((e) => e.offset) });
    return Promise.resolve();
  }
}

@Module({ controllers: [MixedConsumer] })
class MixedModule {}

describe('EventBusTransport with @EventBatchPattern', () => {
  let app: INestApplication;
  let bus: InProcessEventBus<readonly TopicDefinition[]>;

  beforeAll(async () => {
    ({ app, bus } = await boot('mixed', [singles, runs], MixedModule));
  });
  afterAll(() => app.close());

  it('hands a batch handler runs of envelopes in offset order, and a plain handler of the same group one event at a time', async () => {
    await bus.publish(runs.name, Array.from({ length: 30 }, (_, i) => probeEvent('ticket-1', i + 1)));
    await bus.publish(singles.name, Array.from({ length: 3 }, (_, i) => probeEvent('ticket-1', i + 1)));
    await expectEventually(() => expect(runCalls.flatMap((c) => c.sequences)).toHaveLength(30));
    expect(runCalls.flatMap((c) => c.sequences)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(runCalls.flatMap((c) => c.offsets)).toEqual(Array.from({ length: 30 }, (_, i) => String(i)));
    // Published in one go: the worker finds them all there, so fewer calls than events.
    expect(runCalls.length).toBeLessThan(30);
    await expectEventually(() => expect(singleCalls).toEqual([1, 2, 3]));
  });

  it('calls the batch handler again with each event alone when a run fails: the poison event is dead-lettered, the others applied', async () => {
    runCalls.length = 0;
    const poison = { ...probeEvent('ticket-2', 2), data: { key: 'poison', n: 2 } };
    await bus.publish(runs.name, [probeEvent('ticket-2', 1), poison, probeEvent('ticket-2', 3)]);
    await expectEventually(() => expect(bus.records(`${runs.name}.dlq`)).toHaveLength(1));
    expect(bus.records(`${runs.name}.dlq`)[0]?.headers[DLQ_HEADERS.reason]).toBe('Error: poison in the run');
    await expectEventually(() => expect(runCalls.map((c) => c.sequences)).toEqual([[1], [3]]));
  });
});
