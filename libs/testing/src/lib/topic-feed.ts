import { createEnvelope, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope, TopicDefinition } from '@itsm/contracts';
import { randomUUID } from 'node:crypto';

/**
 * Writes one topic's events as their owning context publishes them, for tests and benchmarks of
 * the contexts that follow it: each payload (with `by` and `at` added) is checked against the
 * contract, and each subject's events are numbered 1, 2, 3, ... in the order they are written.
 * The feeds of the topics (DirectoryFeed, CmdbFeed, IncidentFeed) type their events on top of it.
 */
export class TopicFeed {
  private readonly sequences = new Map<string, number>();
  private readonly registry: TopicRegistry<readonly TopicDefinition[]>;

  constructor(
    private readonly topic: TopicDefinition,
    readonly source: string,
    private readonly by: string,
  ) {
    this.registry = new TopicRegistry([topic]);
  }

  /** The sequence the subject's last written event carries (0 when none). */
  sequenceOf(subject: string): number {
    return this.sequences.get(subject) ?? 0;
  }

  /** The next event of `subject`, its payload checked against the contract. */
  protected envelope(type: string, subject: string, data: object): EventEnvelope {
    const sequence = this.sequenceOf(subject) + 1;
    this.sequences.set(subject, sequence);
    const full = { ...data, by: this.by, at: new Date().toISOString() };
    this.registry.validatePayload(this.topic.name, type, full);
    return createEnvelope({ id: randomUUID(), source: this.source, type, subject, time: new Date(), data: full, sequence, correlationid: randomUUID() });
  }
}
