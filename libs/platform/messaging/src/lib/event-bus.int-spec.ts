import type { EventEnvelope } from '@itsm/contracts';
import { encodeEnvelope } from '@itsm/contracts';
import { expectEventually, probeEvent, probeStream, probeTopic, testPeers, uniqueTopicName } from '@itsm/testing';
import { randomUUID } from 'node:crypto';
import type { BusKind } from '../test-fixtures/buses';
import { makeBus } from '../test-fixtures/buses';
import { EffectStore } from '../test-fixtures/effect-store';
import { DLQ_HEADERS } from './dead-letter';
import type { DeliveredEvent } from './event-bus';

const fastRetry = { maxAttempts: 3, backoff: { baseMs: 10, maxMs: 40, jitter: 1 } };
const header = (headers: Record<string, unknown> | undefined, name: string) => String(headers?.[name] ?? '');

describe.each<BusKind>(['in-process', 'kafka'])('event bus contract: %s adapter', (kind) => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()));
  });

  function setup(label: string) {
    const topic = probeTopic(uniqueTopicName(label));
    const underTest = makeBus(kind, [topic], testPeers().kafkaBrokers);
    stops.push(() => underTest.bus.close());
    return { topic, ...underTest, group: `group-${label}-${randomUUID().slice(0, 6)}` };
  }

  it('delivers 1,000 events on 10 keys over several partitions in per-key order', async () => {
    const { topic, bus, group } = setup('order');
    const seen = new Map<string, number[]>();
    const partitions = new Set<number>();
    await bus.subscribe({
      group,
      topics: [topic.name],
      handle: (event) => {
        partitions.add(event.partition);
        seen.set(event.envelope.subject, [...(seen.get(event.envelope.subject) ?? []), event.envelope.sequence]);
        return Promise.resolve();
      },
    });
    await bus.start();
    const events = probeStream(10, 1000);
    for (let i = 0; i < events.length; i += 100) await bus.publish(topic.name, events.slice(i, i + 100));

    const expected = Array.from({ length: 100 }, (_, i) => i + 1);
    await expectEventually(() => {
      expect([...seen.values()].reduce((sum, list) => sum + list.length, 0)).toBe(1000);
    }, { timeoutMs: 60_000 });
    expect(seen.size).toBe(10);
    for (const sequences of seen.values()) expect(sequences).toEqual(expected);
    expect(partitions.size).toBeGreaterThan(1);
  });

  it('gives an event delivered 5 times its effect once', async () => {
    const { topic, bus, group } = setup('dedupe');
    const effects = await EffectStore.open(testPeers().mongoUrl, `dedupe_${kind.replace('-', '_')}_${randomUUID().slice(0, 6)}`);
    stops.push(() => effects.close());
    const outcomes: string[] = [];
    await bus.subscribe({
      group,
      topics: [topic.name],
      handle: async (event) => {
        outcomes.push(await effects.apply(event.envelope));
      },
    });
    await bus.start();
    const event = probeEvent('ticket-1', 1);
    for (let i = 0; i < 5; i++) await bus.publish(topic.name, [event]);
    await bus.publish(topic.name, [probeEvent('ticket-1', 2)]);

    await expectEventually(() => expect(outcomes).toHaveLength(6), { timeoutMs: 30_000 });
    expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'applied']);
    expect(await effects.all()).toEqual([{ key: 'ticket-1', count: 2, sequences: [1, 2] }]);
  });

  it('lets a group unsubscribe and subscribe again over a longer topic list: it resumes where it stopped and reads the new topic', async () => {
    const first = probeTopic(uniqueTopicName('resubscribe-1'));
    const second = probeTopic(uniqueTopicName('resubscribe-2'));
    const { bus } = makeBus(kind, [first, second], testPeers().kafkaBrokers);
    stops.push(() => bus.close());
    const group = `group-resubscribe-${randomUUID().slice(0, 6)}`;
    const seen: string[] = [];
    const subscribe = (topics: readonly (typeof first.name | typeof second.name)[]) =>
      bus.subscribe({
        group,
        topics,
        handle: (event) => {
          seen.push(`${event.topic === first.name ? 'first' : 'second'}:${event.envelope.sequence}`);
          return Promise.resolve();
        },
      });
    await subscribe([first.name]);
    await bus.start();
    await bus.publish(first.name, [probeEvent('k', 1)]);
    await expectEventually(() => expect(seen).toEqual(['first:1']), { timeoutMs: 30_000 });
    await bus.unsubscribe(group);
    await bus.publish(first.name, [probeEvent('k', 2)]);
    await bus.publish(second.name, [probeEvent('k', 3)]);
    await subscribe([first.name, second.name]);
    await expectEventually(() => expect([...seen].sort()).toEqual(['first:1', 'first:2', 'second:3']), { timeoutMs: 60_000 });
  });

  it('tells a group caught up only once it handled what its topics held when first asked, and stays so', async () => {
    const { topic, bus, group } = setup('catchup');
    await bus.publish(topic.name, probeStream(3, 30));
    let open = false;
    const handled: string[] = [];
    await bus.subscribe({
      group,
      topics: [topic.name],
      handle: async (event) => {
        while (!open) await new Promise((resolve) => setTimeout(resolve, 20));
        handled.push(event.envelope.id);
      },
    });
    expect(await bus.caughtUp('a-group-not-subscribed-here')).toBe(false);
    await bus.start();

    expect(await bus.caughtUp(group)).toBe(false);
    open = true;
    await expectEventually(async () => expect(await bus.caughtUp(group)).toBe(true), { timeoutMs: 30_000, intervalMs: 300 });
    expect(handled).toHaveLength(30);
    // Later events are live traffic, not a rebuild: the group stays ready while they wait.
    open = false;
    await bus.publish(topic.name, [probeEvent('late', 1)]);
    expect(await bus.caughtUp(group)).toBe(true);
    open = true;
  });

  it('dead-letters an event whose handler always fails after N attempts, and handles the events behind it', async () => {
    const { topic, bus, group, read } = setup('poison');
    const poison = probeEvent('ticket-7', 1);
    const attempts: number[] = [];
    const handled: number[] = [];
    await bus.subscribe({
      group,
      topics: [topic.name],
      retry: fastRetry,
      handle: (event: DeliveredEvent) => {
        if (event.envelope.id === poison.id) {
          attempts.push(event.attempt);
          return Promise.reject(new Error('cannot apply ticket-7'));
        }
        handled.push(event.envelope.sequence);
        return Promise.resolve();
      },
    });
    await bus.start();
    // Same key, so the same partition: the poison event sits right in front of the others.
    await bus.publish(topic.name, [poison, probeEvent('ticket-7', 2), probeEvent('ticket-7', 3)]);

    await expectEventually(() => expect(handled).toEqual([2, 3]), { timeoutMs: 30_000 });
    expect(attempts).toEqual([1, 2, 3]);
    const [dead] = await read(`${topic.name}.dlq`, 1);
    expect(header(dead?.headers, DLQ_HEADERS.reason)).toBe('Error: cannot apply ticket-7');
    expect(header(dead?.headers, DLQ_HEADERS.code)).toBe('MESSAGING.HANDLER_FAILED');
    expect(header(dead?.headers, DLQ_HEADERS.attempts)).toBe('3');
    expect(header(dead?.headers, DLQ_HEADERS.group)).toBe(group);
    expect(header(dead?.headers, 'ce_id')).toBe(poison.id);
    expect(dead?.value?.toString()).toBe(JSON.stringify(poison.data));
  });

  it('dead-letters a malformed envelope and a payload failing its schema with the reason, and goes on', async () => {
    const { topic, bus, group, read } = setup('malformed');
    const handled: EventEnvelope[] = [];
    await bus.subscribe({
      group,
      topics: [topic.name],
      handle: (event) => {
        handled.push(event.envelope);
        return Promise.resolve();
      },
    });
    await bus.start();
    const good = encodeEnvelope(probeEvent('ticket-9', 1));
    const noSpec = { ...good.headers };
    delete noSpec['ce_specversion'];
    const badPayload = encodeEnvelope({ ...probeEvent('ticket-9', 2), data: { key: 'ticket-9', n: 'many' } });
    await bus.publishRaw(topic.name, [
      { key: good.key, value: good.value, headers: noSpec },
      { key: badPayload.key, value: badPayload.value, headers: badPayload.headers },
      { key: good.key, value: Buffer.from('not json'), headers: good.headers },
    ]);
    const last = probeEvent('ticket-9', 3);
    await bus.publish(topic.name, [last]);

    await expectEventually(() => expect(handled.map((e) => e.id)).toEqual([last.id]), { timeoutMs: 30_000 });
    const dead = await read(`${topic.name}.dlq`, 3);
    const reasons = dead.map((r) => `${header(r.headers, DLQ_HEADERS.code)} ${header(r.headers, DLQ_HEADERS.reason)}`);
    expect(reasons).toEqual([
      expect.stringMatching(/^CONTRACT.MALFORMED_ENVELOPE .*ce_specversion must be 1.0/),
      expect.stringMatching(/^CONTRACT.INVALID_PAYLOAD .*\/n must be integer/),
      expect.stringMatching(/^CONTRACT.MALFORMED_ENVELOPE .*record value is not JSON/),
    ]);
  });

  it('batch delivery: hands runs of events in per-key order, several events a call, each once', async () => {
    const { topic, bus, group } = setup('batch-order');
    const seen = new Map<string, number[]>();
    const runs: number[] = [];
    await bus.subscribe({
      group,
      topics: [topic.name],
      handle: () => Promise.reject(new Error('the per-event handler is not used with batch delivery')),
      batch: {
        maxBatch: 50,
        handle: (events) => {
          runs.push(events.length);
          expect(new Set(events.map((e) => `${e.topic}/${e.partition}`)).size).toBe(1);
          for (const { envelope } of events) seen.set(envelope.subject, [...(seen.get(envelope.subject) ?? []), envelope.sequence]);
          return Promise.resolve();
        },
      },
    });
    await bus.start();
    const events = probeStream(10, 1000);
    for (let i = 0; i < events.length; i += 100) await bus.publish(topic.name, events.slice(i, i + 100));

    await expectEventually(() => expect([...seen.values()].reduce((sum, list) => sum + list.length, 0)).toBe(1000), { timeoutMs: 60_000 });
    const expected = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(seen.size).toBe(10);
    for (const sequences of seen.values()) expect(sequences).toEqual(expected);
    expect(Math.max(...runs)).toBeGreaterThan(1);
    expect(Math.max(...runs)).toBeLessThanOrEqual(50);
  });

  it('batch delivery: a poison event in a run is dead-lettered after N calls, the events around it applied once, in order', async () => {
    const { topic, bus, group, read } = setup('batch-poison');
    const poison = probeEvent('ticket-8', 2);
    const poisonAttempts: number[] = [];
    const applied: number[] = [];
    await bus.subscribe({
      group,
      topics: [topic.name],
      retry: fastRetry,
      handle: () => Promise.reject(new Error('the per-event handler is not used with batch delivery')),
      batch: {
        handle: (events) => {
          const bad = events.find((e) => e.envelope.id === poison.id);
          if (bad !== undefined) {
            poisonAttempts.push(bad.attempt);
            return Promise.reject(new Error('cannot apply ticket-8'));
          }
          applied.push(...events.map((e) => e.envelope.sequence));
          return Promise.resolve();
        },
      },
    });
    await bus.start();
    await bus.publish(topic.name, [probeEvent('ticket-8', 1), poison, probeEvent('ticket-8', 3), probeEvent('ticket-8', 4)]);

    await expectEventually(() => expect(applied).toEqual([1, 3, 4]), { timeoutMs: 30_000 });
    // The run's call was its first attempt (when the four came in one run), then alone until maxAttempts.
    expect(poisonAttempts.at(-1)).toBe(3);
    const [dead] = await read(`${topic.name}.dlq`, 1);
    expect(header(dead?.headers, DLQ_HEADERS.attempts)).toBe('3');
    expect(header(dead?.headers, DLQ_HEADERS.reason)).toBe('Error: cannot apply ticket-8');
    expect(header(dead?.headers, 'ce_id')).toBe(poison.id);
  });

  it('refuses to publish a payload that fails its schema, publishing nothing of the batch', async () => {
    const { topic, bus, group } = setup('refuse');
    const handled: string[] = [];
    await bus.subscribe({ group, topics: [topic.name], handle: (e) => Promise.resolve(void handled.push(e.envelope.id)) });
    await bus.start();
    const valid = probeEvent('k', 1);
    await expect(bus.publish(topic.name, [valid, { ...probeEvent('k', 2), data: { key: '', n: 1 } }])).rejects.toThrow(/INVALID_PAYLOAD|fails its schema/);
    const marker = probeEvent('k', 3);
    await bus.publish(topic.name, [marker]);
    await expectEventually(() => expect(handled).toEqual([marker.id]), { timeoutMs: 30_000 });
  });
});
