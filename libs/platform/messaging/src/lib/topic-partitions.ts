import type { TopicDefinition } from '@itsm/contracts';
import { ConfigError } from '@itsm/platform/config';
import { setTimeout as delay } from 'node:timers/promises';
import type { EventBus } from './event-bus';

export interface TopicPartitionsCheckOptions {
  /** Pause between two reads while the topic does not exist yet (default 5 s). */
  readonly recheckMs?: number;
  /** Told each time the topic is found missing (a log line). */
  readonly onMissing?: (topic: string) => void;
  /** Injected in tests; Node's timers otherwise. */
  readonly wait?: (ms: number) => Promise<void>;
}

/** The ConfigError of a topic whose partition count is not its contract's: what it has, what it needs, how to fix it. */
export function topicPartitionsError(topic: string, actual: number, expected: number): ConfigError {
  const fix =
    actual < expected
      ? `add partitions: kafka-topics.sh --bootstrap-server <broker> --alter --topic ${topic} --partitions ${expected} (or set the KafkaTopic's spec.partitions to ${expected})`
      : `a topic cannot lose partitions: create it again with --partitions ${expected} once its consumers are drained`;
  return new ConfigError([
    {
      variable: topic,
      message: `topic ${topic} has ${actual} partitions where its contract says ${expected}: keys placed by the contract's count would land where no replica runs their timers; ${fix}`,
    },
  ]);
}

/**
 * For a service that places work by a topic's contracted partition count (keyPartition: the owner of
 * a key's partition runs its timers): resolves once the topic exists with exactly that many
 * partitions, and throws topicPartitionsError when it has another count (fewer: keys land on
 * partitions no replica owns; more: a key's events arrive on another partition than its timers).
 * A missing topic is waited for and read again every `recheckMs`: topics are created beside the
 * service (deploy/'s KafkaTopic resources, compose's kafka-topics job) and may come a moment later;
 * the service never creates one (a metadata read only, which the Read and Write ACLs imply).
 */
export async function requireTopicPartitions(bus: Pick<EventBus, 'partitionCount'>, topic: TopicDefinition, options: TopicPartitionsCheckOptions = {}): Promise<number> {
  const wait = options.wait ?? ((ms: number) => delay(ms));
  for (;;) {
    const actual = await bus.partitionCount(topic.name);
    if (actual === topic.partitions) return actual;
    if (actual !== undefined) throw topicPartitionsError(topic.name, actual, topic.partitions);
    options.onMissing?.(topic.name);
    await wait(options.recheckMs ?? 5_000);
  }
}
