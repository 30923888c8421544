import { notificationTopic } from '@itsm/contracts';
import { keyPartition } from '@itsm/platform/messaging';

/**
 * The partition of itsm.notification.v1 an escalation's events (keyed by its id) go to. Its owner in
 * the consumer group runs the escalation's timers.
 */
export function escalationPartition(escalationId: string): number {
  return keyPartition(notificationTopic.partitions, escalationId);
}
