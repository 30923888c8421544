import type { TopicDefinition } from '@itsm/contracts';
import { ConfigError } from '@itsm/platform/config';
import { requireTopicPartitions } from './topic-partitions';

const topic = { name: 'itsm.example.v1', partitions: 12 } as TopicDefinition;

/** A bus answering the given counts in turn (undefined: the topic does not exist yet). */
const answering = (...counts: (number | undefined)[]) => {
  const asked: string[] = [];
  return { asked, partitionCount: (name: string) => Promise.resolve((asked.push(name), counts.shift())) };
};

describe('requireTopicPartitions', () => {
  it("passes a topic with its contract's count, reading it once", async () => {
    const bus = answering(12);
    await expect(requireTopicPartitions(bus, topic)).resolves.toBe(12);
    expect(bus.asked).toEqual(['itsm.example.v1']);
  });

  it('refuses fewer partitions with a ConfigError naming topic, counts and kafka-topics --alter', async () => {
    const refused = await requireTopicPartitions(answering(4), topic).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).message).toContain('topic itsm.example.v1 has 4 partitions where its contract says 12');
    expect((refused as ConfigError).message).toContain('kafka-topics.sh --bootstrap-server <broker> --alter --topic itsm.example.v1 --partitions 12');
  });

  it('refuses more partitions too (a key would arrive elsewhere than its timers), saying a topic cannot shrink', async () => {
    await expect(requireTopicPartitions(answering(24), topic)).rejects.toThrow(/has 24 partitions where its contract says 12.*cannot lose partitions/s);
  });

  it('waits for a topic not created yet, reading it again every recheckMs, then checks its count', async () => {
    const waits: number[] = [];
    const missing: string[] = [];
    const options = { recheckMs: 250, wait: (ms: number) => Promise.resolve(void waits.push(ms)), onMissing: (name: string) => void missing.push(name) };
    await expect(requireTopicPartitions(answering(undefined, undefined, 12), topic, options)).resolves.toBe(12);
    expect(waits).toEqual([250, 250]);
    expect(missing).toEqual(['itsm.example.v1', 'itsm.example.v1']);
    await expect(requireTopicPartitions(answering(undefined, 1), topic, options)).rejects.toBeInstanceOf(ConfigError);
  });
});
