import { encodeEnvelope } from '@itsm/contracts';
import type { EventEnvelope, EventOn, TopicDefinition, TopicNames, TopicRegistry } from '@itsm/contracts';
import { SpanKind } from '@opentelemetry/api';
import { CompressionTypes, Kafka, KafkaJSProtocolError, logLevel } from 'kafkajs';
import type { Consumer, KafkaConfig, Producer, SASLOptions } from 'kafkajs';
import { ConsumerPipeline } from '../consumer-pipeline';
import type { PipelineObserver, PipelineOptions } from '../consumer-pipeline';
import type { EventBus, RawOutgoingRecord, Subscription } from '../event-bus';
import { MessagingError, MessagingErrorCode } from '../messaging.errors';
import { withEventSpans } from '../message-tracing';
import type { EventSpanKind } from '../message-tracing';

/** One PRODUCER span per event sent (OpenTelemetry messaging conventions). */
const KAFKA_SEND: EventSpanKind = {
  operation: 'send',
  kind: SpanKind.PRODUCER,
  attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.operation.name': 'send' },
};

/** A group's catch-up is looked at (an admin connection) at most once per this, however often readiness is probed. */
const CATCH_UP_CHECK_MS = 10_000;

export interface KafkaConnectionSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly ssl: boolean;
  readonly sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** Idempotent producer: on in production; off against the test peer, which cannot do it (INFRA.md). */
  readonly idempotent: boolean;
}

export interface KafkaConsumerSettings {
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly maxWaitTimeMs: number;
  /** Partitions handled at once per consumer (order is kept within each partition). */
  readonly partitionsConsumedConcurrently: number;
  readonly autoCommitIntervalMs: number;
  /** Where a new consumer group starts: the earliest retained event (true) or new ones only. */
  readonly fromBeginning: boolean;
}

export const DEFAULT_KAFKA_CONSUMER_SETTINGS: KafkaConsumerSettings = {
  sessionTimeoutMs: 30_000,
  rebalanceTimeoutMs: 60_000,
  heartbeatIntervalMs: 3_000,
  maxWaitTimeMs: 100,
  partitionsConsumedConcurrently: 4,
  autoCommitIntervalMs: 1_000,
  fromBeginning: true,
};

export interface KafkaEventBusOptions {
  readonly connection: KafkaConnectionSettings;
  readonly consumer?: Partial<KafkaConsumerSettings>;
  readonly observer?: PipelineObserver;
  readonly around?: PipelineOptions['around'];
  readonly gzip?: boolean;
  readonly onError?: (error: unknown, context: string) => void;
}

interface Group {
  readonly subscription: Subscription<readonly TopicDefinition[], string>;
  consumer?: Consumer;
  running: boolean;
}

/** The event bus on Apache Kafka through kafkajs (production, and the Kafka test peer). */
export class KafkaEventBus<Ts extends readonly TopicDefinition[]> implements EventBus<Ts> {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly groups: Group[] = [];
  private readonly consumerSettings: KafkaConsumerSettings;
  private readonly shutdown = new AbortController();
  private state: 'new' | 'started' | 'closed' = 'new';
  private producerConnected = false;
  /** Per group asked `caughtUp`: each partition's high watermark when first asked; the groups found caught up. */
  private readonly catchUpTargets = new Map<string, readonly { topic: string; partitions: readonly { partition: number; low: string; high: string }[] }[]>();
  private readonly caughtUpGroups = new Set<string>();
  private readonly catchUpChecks = new Map<string, { readonly at: number; readonly answer: Promise<boolean> }>();

  constructor(
    private readonly registry: TopicRegistry<Ts>,
    private readonly options: KafkaEventBusOptions,
  ) {
    const { connection } = options;
    const config: KafkaConfig = {
      clientId: connection.clientId,
      brokers: [...connection.brokers],
      ssl: connection.ssl,
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 100, maxRetryTime: 5_000, retries: 8 },
    };
    if (connection.sasl) config.sasl = connection.sasl as SASLOptions;
    this.kafka = new Kafka(config);
    this.producer = this.kafka.producer({
      idempotent: connection.idempotent,
      // One request in flight keeps per-key order through broker retries without idempotence.
      maxInFlightRequests: connection.idempotent ? 5 : 1,
      allowAutoTopicCreation: true,
    });
    this.consumerSettings = { ...DEFAULT_KAFKA_CONSUMER_SETTINGS, ...options.consumer };
  }

  publish<N extends TopicNames<Ts>>(topic: N, events: readonly EventOn<Ts, N>[]): Promise<void> {
    return this.publishEnvelopes(topic, events);
  }

  async publishEnvelopes(topic: string, events: readonly EventEnvelope[]): Promise<void> {
    for (const event of events) this.registry.validatePayload(topic, event.type, event.data);
    await withEventSpans(topic, events, KAFKA_SEND, (stamped) => this.send(topic, stamped.map((event) => encodeEnvelope(event))));
  }

  async publishRaw(topic: string, records: readonly RawOutgoingRecord[]): Promise<void> {
    await this.send(topic, records);
  }

  async subscribe<N extends TopicNames<Ts>>(subscription: Subscription<Ts, N>): Promise<void> {
    if (this.state === 'closed') throw new MessagingError(MessagingErrorCode.BusClosed, 'the bus is closed');
    const group: Group = { subscription: subscription as unknown as Group['subscription'], running: false };
    this.groups.push(group);
    if (this.state === 'started') await this.run(group);
  }

  /** Disconnects the group's consumer (kafkajs finishes the batch in flight, commits and leaves the group) and forgets it. */
  async unsubscribe(name: string): Promise<void> {
    const index = this.groups.findIndex((group) => group.subscription.group === name);
    if (index < 0) return;
    const [group] = this.groups.splice(index, 1) as [Group];
    group.running = false;
    await group.consumer?.disconnect();
  }

  async start(): Promise<void> {
    if (this.state !== 'new') return;
    this.state = 'started';
    await this.connectProducer();
    await Promise.all(this.groups.map((group) => this.run(group)));
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.shutdown.abort();
    // kafkajs waits for the batch in flight, commits resolved offsets and leaves the group.
    await Promise.all(this.groups.map(async (group) => {
      group.running = false;
      await group.consumer?.disconnect();
    }));
    if (this.producerConnected) await this.producer.disconnect();
    this.producerConnected = false;
  }

  isHealthy(): boolean {
    return this.state === 'started' && this.producerConnected && this.groups.every((group) => group.running);
  }

  /**
   * Through a short-lived admin client: the topics' offsets when first asked, then the group's
   * committed offsets (every member's work, committed within autoCommitIntervalMs of being handled).
   * A topic not created yet or a partition with nothing retained (high = low) holds nothing to catch
   * up. One look per group at a time and per CATCH_UP_CHECK_MS (probes in between get its answer).
   */
  caughtUp(group: string): Promise<boolean> {
    const subscription = this.groups.find((g) => g.subscription.group === group)?.subscription;
    if (subscription === undefined) return Promise.resolve(false);
    if (this.caughtUpGroups.has(group)) return Promise.resolve(true);
    const last = this.catchUpChecks.get(group);
    if (last !== undefined && Date.now() - last.at < CATCH_UP_CHECK_MS) return last.answer;
    const answer = this.lookCaughtUp(group, subscription.topics).catch((error: unknown) => {
      this.options.onError?.(error, `consumer group ${group}: its catch-up could not be read`);
      return false;
    });
    this.catchUpChecks.set(group, { at: Date.now(), answer });
    return answer;
  }

  private async lookCaughtUp(group: string, topics: readonly string[]): Promise<boolean> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      let targets = this.catchUpTargets.get(group);
      if (targets === undefined) {
        const existing = new Set(await admin.listTopics());
        targets = await Promise.all(topics.map(async (topic) => ({ topic, partitions: existing.has(topic) ? await admin.fetchTopicOffsets(topic) : [] })));
        this.catchUpTargets.set(group, targets);
      }
      const held = targets.filter((t) => t.partitions.length > 0).map((t) => t.topic);
      const committed = held.length === 0 ? [] : await admin.fetchOffsets({ groupId: group, topics: held });
      const done = targets.every(({ topic, partitions }) => partitions.every(({ partition, low, high }) => {
        const offset = committed.find((t) => t.topic === topic)?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
        return BigInt(high) <= BigInt(low) || BigInt(offset) >= BigInt(high);
      }));
      if (done) this.caughtUpGroups.add(group);
      return done;
    } finally {
      await admin.disconnect();
    }
  }

  /** Through a short-lived admin client's Metadata request (Describe; kafkajs's admin never asks the broker to create the topic). */
  async partitionCount(topic: string): Promise<number | undefined> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return topics.find((t) => t.name === topic)?.partitions.length;
    } catch (error) {
      if (error instanceof KafkaJSProtocolError && error.type === 'UNKNOWN_TOPIC_OR_PARTITION') return undefined;
      throw error;
    } finally {
      await admin.disconnect();
    }
  }

  private async connectProducer(): Promise<void> {
    if (this.producerConnected) return;
    await this.producer.connect();
    this.producerConnected = true;
  }

  private async send(topic: string, records: readonly RawOutgoingRecord[]): Promise<void> {
    if (this.state === 'closed') throw new MessagingError(MessagingErrorCode.BusClosed, 'the bus is closed');
    if (records.length === 0) return;
    await this.connectProducer();
    await this.producer.send({
      topic,
      acks: -1,
      compression: this.options.gzip ? CompressionTypes.GZIP : CompressionTypes.None,
      messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers as Record<string, string | Buffer> })),
    });
  }

  private async run(group: Group): Promise<void> {
    const { subscription } = group;
    const settings = this.consumerSettings;
    const consumer = this.kafka.consumer({
      groupId: subscription.group,
      sessionTimeout: settings.sessionTimeoutMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      maxWaitTimeInMs: settings.maxWaitTimeMs,
      allowAutoTopicCreation: true,
    });
    group.consumer = consumer;
    const pipeline = ConsumerPipeline.forSubscription(subscription, {
      registry: this.registry,
      deadLetter: (topic, record) => this.send(topic, [record]),
      observer: this.options.observer,
      around: this.options.around,
      system: 'kafka',
    });
    consumer.on(consumer.events.CRASH, (event) => {
      group.running = event.payload.restart;
      subscription.onAssignment?.([]);
      this.options.onError?.(event.payload.error, `consumer group ${subscription.group} crashed`);
    });
    const onAssignment = subscription.onAssignment;
    if (onAssignment !== undefined) {
      consumer.on(consumer.events.REBALANCING, () => onAssignment([]));
      consumer.on(consumer.events.STOP, () => onAssignment([]));
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        const assigned = event.payload.memberAssignment as Record<string, number[]>;
        onAssignment(Object.entries(assigned).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) })));
      });
    }
    await consumer.connect();
    await consumer.subscribe({ topics: [...subscription.topics], fromBeginning: settings.fromBeginning });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: settings.autoCommitIntervalMs,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently,
      // Runs of one record, or of up to maxBatch with batch delivery: each resolved once it is done.
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        const length = pipeline.runLength(batch.topic);
        // A run may end early (at a bad record, which leads the next run): the next starts after what is done.
        for (let start = 0; start < batch.messages.length; ) {
          if (!isRunning() || isStale() || this.shutdown.signal.aborted) break;
          const run = batch.messages.slice(start, start + length);
          const done = await pipeline.processBatch(
            run.map((message) => ({ topic: batch.topic, partition: batch.partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers })),
            { signal: this.shutdown.signal, heartbeat, stale: isStale },
          );
          if (done === 0) break;
          resolveOffset((run[done - 1] as (typeof run)[number]).offset);
          await commitOffsetsIfNecessary();
          await heartbeat(); // kafkajs sends one only when heartbeatInterval has passed
          start += done;
        }
      },
    });
    group.running = true;
  }
}
