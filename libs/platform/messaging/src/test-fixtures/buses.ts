import type { RawRecord, TopicDefinition } from '@itsm/contracts';
import { TopicRegistry } from '@itsm/contracts';
import { Kafka, logLevel } from 'kafkajs';
import type { EventBus } from '../lib/event-bus';
import { InProcessEventBus } from '../lib/in-process/in-process-event-bus';
import { KafkaEventBus } from '../lib/kafka/kafka-event-bus';
import type { KafkaConsumerSettings } from '../lib/kafka/kafka-event-bus';

/** Group membership tuned for tests against the mock cluster (its joins are slow: INFRA.md). */
export const TEST_CONSUMER: Partial<KafkaConsumerSettings> = {
  sessionTimeoutMs: 6_000,
  rebalanceTimeoutMs: 4_000,
  heartbeatIntervalMs: 500,
  maxWaitTimeMs: 50,
  autoCommitIntervalMs: 200,
};

export type BusKind = 'in-process' | 'kafka';

export interface BusUnderTest<Ts extends readonly TopicDefinition[]> {
  readonly bus: EventBus<Ts>;
  /** Records on a topic (dead-letter topics), raw as they were appended. */
  read(topic: string, atLeast: number): Promise<RawRecord[]>;
}

export function makeBus<const Ts extends readonly TopicDefinition[]>(kind: BusKind, topics: Ts, brokers: readonly string[]): BusUnderTest<Ts> {
  const registry = new TopicRegistry(topics);
  if (kind === 'in-process') {
    const bus = new InProcessEventBus(registry);
    return { bus, read: (topic) => Promise.resolve(bus.records(topic)) };
  }
  const bus = new KafkaEventBus(registry, {
    connection: { brokers, clientId: 'itsm-test', ssl: false, idempotent: false },
    consumer: TEST_CONSUMER,
  });
  return { bus, read: (topic, atLeast) => readKafkaTopic(brokers, topic, atLeast) };
}

/** Reads a topic from the beginning with a throwaway group until `atLeast` records arrived. */
export async function readKafkaTopic(brokers: readonly string[], topic: string, atLeast: number, timeoutMs = 30_000): Promise<RawRecord[]> {
  const kafka = new Kafka({ clientId: 'itsm-test-reader', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `reader-${topic}-${Date.now()}`, sessionTimeout: 6_000, rebalanceTimeout: 4_000, heartbeatInterval: 500, maxWaitTimeInMs: 50 });
  const records: RawRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${records.length} of ${atLeast} records from ${topic}`)), timeoutMs);
      void consumer.run({
        eachMessage: ({ message }) => {
          records.push({ key: message.key, value: message.value, headers: message.headers });
          if (records.length >= atLeast) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
