import { Partitioners } from 'kafkajs';

const partitioner = Partitioners.DefaultPartitioner();

/**
 * The partition a keyed record goes to in a topic of `partitions` partitions: kafkajs's default
 * (murmur2, Java-client compatible) key hash, which the in-process bus uses too. A context that must
 * know where a key's events land before it publishes any (the owner of that partition runs its
 * timers) asks here instead of hashing keys itself.
 */
export function keyPartition(partitions: number, key: string): number {
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`a topic has at least one partition (got ${partitions})`);
  return partitioner({ topic: '', partitionMetadata: partitionMetadataOf(partitions), message: { key, value: null } });
}

/** The broker metadata the partitioner reads: `partitions` partitions, all available. */
export function partitionMetadataOf(partitions: number): { partitionId: number; leader: number; partitionErrorCode: number; replicas: number[]; isr: number[] }[] {
  return Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
}
