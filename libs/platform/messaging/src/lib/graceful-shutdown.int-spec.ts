import { TopicRegistry } from '@itsm/contracts';
import { expectEventually, probeEvent, probeStream, probeTopic, testPeers, uniqueTopicName } from '@itsm/testing';
import { randomUUID } from 'node:crypto';
import { TEST_CONSUMER } from '../test-fixtures/buses';
import type { DeliveredEvent } from './event-bus';
import { KafkaEventBus } from './kafka/kafka-event-bus';

describe('graceful shutdown of the Kafka bus', () => {
  it.each(['one event at a time', 'in runs (batch delivery)'])('lets the in-flight handler finish, commits what was handled and leaves nothing to redeliver: %s', async (mode) => {
    const { kafkaBrokers } = testPeers();
    const topic = probeTopic(uniqueTopicName('shutdown'));
    const group = `g-shutdown-${randomUUID().slice(0, 8)}`;
    // No periodic commit in this test: only the shutdown can commit the offsets.
    const make = () =>
      new KafkaEventBus(new TopicRegistry([topic]), {
        connection: { brokers: kafkaBrokers, clientId: 'shutdown-test', ssl: false, idempotent: false },
        consumer: { ...TEST_CONSUMER, autoCommitIntervalMs: 600_000 },
      });

    const first = make();
    const handled: number[] = [];
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let inFlight = false;
    const handle = async (events: readonly DeliveredEvent[]) => {
      if (events.some((event) => event.envelope.sequence === 20)) {
        inFlight = true;
        await blocked; // in flight when the shutdown starts
      }
      handled.push(...events.map((event) => event.envelope.sequence));
    };
    await first.subscribe({
      group,
      topics: [topic.name],
      handle: (event) => handle([event]),
      ...(mode === 'one event at a time' ? {} : { batch: { handle } }),
    });
    await first.start();
    const stream = probeStream(1, 20, 'only');
    await first.publish(topic.name, stream.slice(0, 19));
    await expectEventually(() => expect(handled).toHaveLength(19), { timeoutMs: 30_000 });
    await first.publish(topic.name, stream.slice(19));
    await expectEventually(() => expect(inFlight).toBe(true), { timeoutMs: 30_000 });

    const closing = first.close();
    setTimeout(release, 200);
    await closing;
    expect(handled).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    const second = make();
    const redelivered: number[] = [];
    await second.subscribe({ group, topics: [topic.name], handle: (event) => Promise.resolve(void redelivered.push(event.envelope.sequence)) });
    await second.start();
    await second.publish(topic.name, [probeEvent('only-0', 21)]);
    try {
      await expectEventually(() => expect(redelivered).toEqual([21]), { timeoutMs: 30_000 });
    } finally {
      await second.close();
    }
  });
});
