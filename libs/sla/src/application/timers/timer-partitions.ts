import { incidentTopic, requestTopic } from '@itsm/contracts';
import type { PartitionAssignment } from '@itsm/platform/messaging';

/**
 * The SLA timer wheel numbers the partitions of every ticket topic in one space: partition p of a
 * ticket topic is timer partition `base + p`. Incidents keep their own numbers (base 0), so their
 * stored tickets, claims and publish checkpoints are unchanged; requests, with their items and
 * tasks, start at 1000. A ticket's timers run on the replica that consumes its topic partition,
 * whichever topic that is (the group's partitions of two topics need not be co-assigned).
 */
export const TICKET_TOPIC_PARTITION_BASES: Readonly<Record<string, number>> = {
  [incidentTopic.name]: 0,
  [requestTopic.name]: 1_000,
};

/** The timer partition of partition `partition` of ticket topic `topic`. */
export function timerPartition(topic: string, partition: number): number {
  const base = TICKET_TOPIC_PARTITION_BASES[topic];
  if (base === undefined) throw new Error(`${topic} is not a ticket topic of the SLA engine`);
  return base + partition;
}

/** The group's assignment as one assignment of the wheel's topic in timer partitions (other topics left out). */
export function timerAssignments(assignments: readonly PartitionAssignment[], wheelTopic: string): PartitionAssignment[] {
  const partitions = assignments.flatMap((a) => {
    const base = TICKET_TOPIC_PARTITION_BASES[a.topic];
    return base === undefined ? [] : a.partitions.map((p) => base + p);
  });
  return partitions.length === 0 ? [] : [{ topic: wheelTopic, partitions: partitions.sort((a, b) => a - b) }];
}
