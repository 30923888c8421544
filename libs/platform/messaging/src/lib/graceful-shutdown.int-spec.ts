import { TopicRegistry } from '@itsm/contracts';
import { expectEventually, probeEvent, probeStream, probeTopic, testPeers, uniqueTopicName } from '@itsm/testing';
import { randomUUID } from 'node:crypto';
import { TEST_CONSUMER } from '../test-fixtures/buses';
import { KafkaEventBus } from './kafka/kafka-event-bus';

describe('graceful shutdown of the Kafka bus', () => {
  it('lets the in-flight handler finish, commits what was handled and leaves nothing to redeliver', async () => {
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
    await first.subscribe({
      group,
      topics: [topic.name],
      handle: async (event) => {
        if (event.envelope.sequence === 20) await blocked; // in flight when the shutdown starts
        handled.push(event.envelope.sequence);
      },
    });
    await first.start();
    await first.publish(topic.name, probeStream(1, 20, 'only'));
    await expectEventually(() => expect(handled).toHaveLength(19), { timeoutMs: 30_000 });

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
