import { encodeEnvelope } from '@itsm/contracts';
import type { EventEnvelope, EventOn, RecordHeaders, TopicDefinition, TopicNames, TopicRegistry } from '@itsm/contracts';
import { SpanKind } from '@opentelemetry/api';
import { Partitioners } from 'kafkajs';
import { setMaxListeners } from 'node:events';
import { ConsumerPipeline } from '../consumer-pipeline';
import type { PipelineObserver, PipelineOptions } from '../consumer-pipeline';
import type { EventBus, RawOutgoingRecord, Subscription } from '../event-bus';
import { MessagingError, MessagingErrorCode } from '../messaging.errors';
import { IN_PROCESS_MESSAGING_SYSTEM, withEventSpans } from '../message-tracing';
import type { EventSpanKind } from '../message-tracing';

const IN_PROCESS_SEND: EventSpanKind = {
  operation: 'send',
  kind: SpanKind.PRODUCER,
  attributes: { 'messaging.system': IN_PROCESS_MESSAGING_SYSTEM, 'messaging.operation.type': 'send', 'messaging.operation.name': 'send' },
};

export interface StoredRecord {
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: RecordHeaders;
}

class PartitionLog {
  /** Offset of records[0]: records below the slowest group's position are dropped. */
  base = 0;
  readonly records: StoredRecord[] = [];
  private waiters: (() => void)[] = [];

  get end(): number {
    return this.base + this.records.length;
  }

  append(record: StoredRecord): void {
    this.records.push(record);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves when a record at `offset` exists or `signal` aborts. */
  waitFor(offset: number, signal: AbortSignal): Promise<void> {
    if (offset < this.end || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  truncateBelow(offset: number): void {
    const drop = Math.min(offset - this.base, this.records.length);
    if (drop >= 1024) {
      this.records.splice(0, drop);
      this.base += drop;
    }
  }
}

interface GroupState {
  readonly pipeline: ConsumerPipeline;
  readonly topics: readonly string[];
  /** Next offset to deliver per topic and partition: the committed position. */
  readonly positions: Map<string, number[]>;
  readonly workers: Promise<void>[];
}

export interface InProcessEventBusOptions {
  /** Partitions of a topic not in the registry (dead-letter topics); Kafka's auto-create default. */
  readonly defaultPartitions?: number;
  readonly observer?: PipelineObserver;
  readonly around?: PipelineOptions['around'];
  readonly onError?: (error: unknown, context: string) => void;
}

/**
 * The event bus inside one process (all-in-one mode, fast tests), with Kafka's semantics: topics
 * of N partitions chosen by the same key hash as kafkajs, one worker per (group, partition) so
 * per-key order holds, at-least-once delivery through the shared consumer pipeline. Not durable:
 * a process that dies loses what its groups had not handled (set KAFKA_BROKERS for durability).
 */
export class InProcessEventBus<Ts extends readonly TopicDefinition[]> implements EventBus<Ts> {
  private readonly logs = new Map<string, PartitionLog[]>();
  private readonly groups = new Map<string, GroupState>();
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly shutdown = new AbortController();
  private state: 'new' | 'started' | 'closed' = 'new';
  private pending: { subscription: Subscription<readonly TopicDefinition[], string> }[] = [];

  constructor(
    private readonly registry: TopicRegistry<Ts>,
    private readonly options: InProcessEventBusOptions = {},
  ) {
    // One listener per (group, partition) worker and per retry wait: many by design, not a leak.
    setMaxListeners(0, this.shutdown.signal);
  }

  publish<N extends TopicNames<Ts>>(topic: N, events: readonly EventOn<Ts, N>[]): Promise<void> {
    return this.publishEnvelopes(topic, events);
  }

  async publishEnvelopes(topic: string, events: readonly EventEnvelope[]): Promise<void> {
    for (const event of events) this.registry.validatePayload(topic, event.type, event.data);
    await withEventSpans(topic, events, IN_PROCESS_SEND, (stamped) => this.publishRaw(topic, stamped.map((event) => encodeEnvelope(event))));
  }

  publishRaw(topic: string, records: readonly RawOutgoingRecord[]): Promise<void> {
    if (this.state === 'closed') return Promise.reject(new MessagingError(MessagingErrorCode.BusClosed, 'the bus is closed'));
    const partitions = this.partitionsOf(topic);
    const partitionMetadata = partitions.map((_, id) => ({ partitionId: id, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
    for (const record of records) {
      const index = this.partitioner({ topic, partitionMetadata, message: { key: record.key, value: record.value } });
      partitions[index]?.append({ key: record.key, value: record.value, headers: { ...record.headers } });
    }
    return Promise.resolve();
  }

  async subscribe<N extends TopicNames<Ts>>(subscription: Subscription<Ts, N>): Promise<void> {
    if (this.state === 'closed') throw new MessagingError(MessagingErrorCode.BusClosed, 'the bus is closed');
    const entry = { subscription: subscription as unknown as Subscription<readonly TopicDefinition[], string> };
    if (this.state === 'started') this.run(entry.subscription);
    else this.pending.push(entry);
    return Promise.resolve();
  }

  start(): Promise<void> {
    if (this.state !== 'new') return Promise.resolve();
    this.state = 'started';
    for (const { subscription } of this.pending) this.run(subscription);
    this.pending = [];
    return Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.shutdown.abort();
    await Promise.all([...this.groups.values()].flatMap((group) => group.workers));
  }

  isHealthy(): boolean {
    return this.state === 'started';
  }

  /** The retained records of a topic, oldest first (dead-letter inspection in the all-in-one mode). */
  records(topic: string): StoredRecord[] {
    return (this.logs.get(topic) ?? []).flatMap((log) => log.records);
  }

  private partitionsOf(topic: string): PartitionLog[] {
    let partitions = this.logs.get(topic);
    if (partitions === undefined) {
      const count = this.registry.topic(topic)?.partitions ?? this.options.defaultPartitions ?? 4;
      partitions = Array.from({ length: count }, () => new PartitionLog());
      this.logs.set(topic, partitions);
    }
    return partitions;
  }

  private run(subscription: Subscription<readonly TopicDefinition[], string>): void {
    const existing = this.groups.get(subscription.group);
    if (existing !== undefined) {
      throw new MessagingError(MessagingErrorCode.GroupAlreadySubscribed, `consumer group ${subscription.group} is already subscribed in this process`, false);
    }
    const pipeline = ConsumerPipeline.forSubscription(subscription, {
      registry: this.registry,
      deadLetter: (topic, record) => this.publishRaw(topic, [record]),
      observer: this.options.observer,
      around: this.options.around,
      system: IN_PROCESS_MESSAGING_SYSTEM,
    });
    const group: GroupState = { pipeline, topics: subscription.topics, positions: new Map(), workers: [] };
    this.groups.set(subscription.group, group);
    for (const topic of subscription.topics) {
      const partitions = this.partitionsOf(topic);
      group.positions.set(topic, partitions.map((log) => log.base));
      partitions.forEach((log, partition) => group.workers.push(this.work(group, topic, partition, log)));
    }
    // The only member of its group in this process: it owns every partition until the bus closes.
    const onAssignment = subscription.onAssignment;
    if (onAssignment !== undefined) {
      onAssignment(subscription.topics.map((topic) => ({ topic, partitions: this.partitionsOf(topic).map((_, partition) => partition) })));
      this.shutdown.signal.addEventListener('abort', () => onAssignment([]), { once: true });
    }
  }

  /** One partition of one group: records in offset order, the next only after this one is done. */
  private async work(group: GroupState, topic: string, partition: number, log: PartitionLog): Promise<void> {
    const positions = group.positions.get(topic) as number[];
    const signal = this.shutdown.signal;
    while (!signal.aborted) {
      const offset = positions[partition] as number;
      await log.waitFor(offset, signal);
      if (signal.aborted) return;
      const record = log.records[offset - log.base] as StoredRecord;
      try {
        const outcome = await group.pipeline.process(
          { topic, partition, offset: String(offset), key: record.key, value: record.value, headers: record.headers },
          { signal },
        );
        if (outcome === 'aborted') return;
        positions[partition] = offset + 1;
        this.truncate(topic, partition, log);
      } catch (error) {
        // Only a failed dead-letter write lands here: keep the record and try again shortly.
        this.options.onError?.(error, `group ${group.pipeline.group} on ${topic}[${partition}]@${offset}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private truncate(topic: string, partition: number, log: PartitionLog): void {
    let slowest = log.end;
    for (const group of this.groups.values()) {
      const position = group.positions.get(topic)?.[partition];
      if (position !== undefined) slowest = Math.min(slowest, position);
    }
    log.truncateBelow(slowest);
  }
}
