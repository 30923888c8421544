import type { PartitionAssignment } from '@itsm/platform/messaging';

interface TopicRange {
  readonly base: number;
  /** The next topic's base: this topic's partitions stay below it. */
  readonly limit: number;
}

/**
 * One timer wheel over the partitions of several topics: partition p of a topic is timer partition
 * `base + p`, each topic with its own base; a topic's partitions must stay below the next base. An
 * item's timers run on the replica that consumes its topic partition, whichever topic that is (a
 * consumer group's partitions of two topics need not be co-assigned).
 */
export class TimerPartitionSpace {
  private readonly ranges: ReadonlyMap<string, TopicRange>;

  /** `name` says whose space it is in errors; `bases`: topic -> base of its partitions. */
  constructor(
    private readonly name: string,
    bases: Readonly<Record<string, number>>,
  ) {
    const entries = Object.entries(bases).sort(([, a], [, b]) => a - b);
    const ranges = new Map<string, TopicRange>();
    entries.forEach(([topic, base], i) => {
      if (!Number.isSafeInteger(base) || base < 0) throw new Error(`${name}: the base of ${topic} must be a non-negative integer (${base})`);
      const next = entries[i + 1];
      if (next !== undefined && next[1] === base) throw new Error(`${name}: ${topic} and ${next[0]} share the base ${base}`);
      ranges.set(topic, { base, limit: next?.[1] ?? Number.MAX_SAFE_INTEGER });
    });
    this.ranges = ranges;
  }

  /** The topics whose partitions own timers here. */
  get topics(): string[] {
    return [...this.ranges.keys()];
  }

  /** The timer partition of partition `partition` of `topic`. */
  partition(topic: string, partition: number): number {
    const range = this.ranges.get(topic);
    if (range === undefined) throw new Error(`${topic} is not a topic of the ${this.name} timer partitions`);
    return this.place(topic, range, partition);
  }

  /** The group's assignment as one assignment of the wheel's topic in timer partitions (other topics left out). */
  assignments(assignments: readonly PartitionAssignment[], wheelTopic: string): PartitionAssignment[] {
    const partitions = assignments.flatMap((a) => {
      const range = this.ranges.get(a.topic);
      return range === undefined ? [] : a.partitions.map((p) => this.place(a.topic, range, p));
    });
    return partitions.length === 0 ? [] : [{ topic: wheelTopic, partitions: partitions.sort((a, b) => a - b) }];
  }

  private place(topic: string, range: TopicRange, partition: number): number {
    const placed = range.base + partition;
    if (!Number.isSafeInteger(partition) || partition < 0 || placed >= range.limit) {
      throw new Error(`${this.name} timer partitions: partition ${partition} of ${topic} falls outside [${range.base}, ${range.limit})`);
    }
    return placed;
  }
}
