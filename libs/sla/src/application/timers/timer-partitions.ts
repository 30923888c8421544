import { incidentTopic, requestTopic } from '@itsm/contracts';
import { TimerPartitionSpace } from '@itsm/platform/scheduling';

/**
 * The SLA timer wheel numbers the partitions of every ticket topic in one space. Incidents keep
 * their own numbers (base 0), so their stored tickets, claims and publish checkpoints are
 * unchanged; requests, with their items and tasks, start at 1000.
 */
export const SLA_TIMER_PARTITIONS = new TimerPartitionSpace('SLA ticket', {
  [incidentTopic.name]: 0,
  [requestTopic.name]: 1_000,
});
