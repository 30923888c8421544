import { keyPartition } from './key-partition';

describe('keyPartition', () => {
  it('hashes keys as the Java client and kafkajs do (murmur2, positive, modulo the partitions)', () => {
    // Kafka's murmur2 of the empty key is 275646681 (the Java client's reference vector): partition = that % n.
    for (const n of [1, 7, 12, 100]) expect(keyPartition(n, '')).toBe(275_646_681 % n);
    const spread = new Set(Array.from({ length: 200 }, (_, i) => keyPartition(6, `key-${i}`)));
    expect([...spread].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses a topic without partitions', () => {
    expect(() => keyPartition(0, 'k')).toThrow(RangeError);
  });
});
