import { notificationTopic } from '@itsm/contracts';
import { Partitioners } from 'kafkajs';

const partitioner = Partitioners.DefaultPartitioner();
const partitionMetadata = Array.from({ length: notificationTopic.partitions }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));

/**
 * The partition of itsm.notification.v1 an escalation's events (keyed by its id) go to: the key hash
 * kafkajs and the in-process bus both use. Its owner in the consumer group runs the escalation's timers.
 */
export function escalationPartition(escalationId: string): number {
  return partitioner({ topic: notificationTopic.name, partitionMetadata, message: { key: escalationId, value: null } });
}
