import { encodeEnvelope } from '@itsm/contracts';
import type { EventEnvelope, EventOn, RecordHeaders, TopicDefinition, TopicNames, TopicRegistry } from '@itsm/contracts';
import { SpanKind } from '@opentelemetry/api';
import { Partitioners } from 'kafkajs';
import { setMaxListeners } from 'node:events';
import { ConsumerPipeline } from '../consumer-pipeline';
import type { PipelineObserver, PipelineOptions } from '../consumer-pipeline';
import type { AssignmentListener, EventBus, RawOutgoingRecord, Subscription } from '../event-bus';
import { MessagingError, MessagingErrorCode } from '../messaging.errors';
import { partitionMetadataOf } from '../key-partition';
import { IN_PROCESS_MESSAGING_SYSTEM, withEventSpans } from '../message-tracing';
import type { EventSpanKind } from '../message-tracing';

/** Records a partition that no group reads keeps (the latest ones; dropped in batches of 1,024). */
const UNREAD_RETENTION = 1_000;

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

/**
 * The bytes in a buffer of their own. A small Buffer (`Buffer.from` of an encoded event, under 4 KiB)
 * is a view into a shared 8 KiB pool slab, and a view kept alive keeps its whole slab: the log kept
 * records for hours as 8 KiB each (bench:soak's RSS growth was these slabs, `arrayBuffers` +1.6 MB/min).
 */
function ownBytes(buffer: Buffer): Buffer {
  if (buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength) return buffer;
  const own = Buffer.allocUnsafeSlow(buffer.byteLength);
  buffer.copy(own);
  return own;
}

function ownHeader(value: RecordHeaders[string]): RecordHeaders[string] {
  if (value === undefined || typeof value === 'string') return value;
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : ownBytes(v))) : ownBytes(value);
}

/** A record as the log keeps it: its buffers its own, not views into shared slabs. */
function stored(key: string | null, value: Buffer | null, headers: RecordHeaders): StoredRecord {
  const own: RecordHeaders = {};
  for (const [name, header] of Object.entries(headers)) own[name] = ownHeader(header);
  return { key, value: value === null ? null : ownBytes(value), headers: own };
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
      // The abort listener goes with the wait: a worker waits once per record it catches up on, for as long as it runs.
      const done = (): void => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /**
   * Drops the records below `offset` once they are at least half of those kept (and 64 or more), or
   * 1,024: each splice then moves no more records than it drops (amortised constant per record), and
   * a partition read at a trickle does not keep up to 1,023 read records (their buffers) for as long
   * as it takes to read 1,024 more. Answers whether records were dropped.
   */
  truncateBelow(offset: number): boolean {
    const drop = Math.min(offset - this.base, this.records.length);
    if (drop < 1024 && (drop < 64 || drop * 2 < this.records.length)) return false;
    this.records.splice(0, drop);
    this.base += drop;
    return true;
  }
}

interface GroupState {
  readonly pipeline: ConsumerPipeline;
  readonly topics: readonly string[];
  /** Next offset to deliver per topic and partition: the committed position. */
  readonly positions: Map<string, number[]>;
  readonly workers: Promise<void>[];
  /** Aborted when the group unsubscribes or the bus closes: its workers stop, a retry wait ends. */
  readonly stop: AbortController;
  readonly onAssignment: AssignmentListener | undefined;
}

/** One partition's records as a journal holds them: `records[0]` is at offset `base`. */
export interface JournaledPartition {
  readonly topic: string;
  readonly partition: number;
  readonly base: number;
  readonly records: readonly StoredRecord[];
}

/** A group's committed position (the next offset to deliver) in one partition. */
export interface JournaledPosition {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly position: number;
}

/**
 * Where an in-process bus keeps its log and its groups' positions so they outlive the process
 * (the all-in-one keeps them in its own MongoDB, snapshotted with the data at one instant).
 * A publish resolves only after `append` did; a position is committed only after its handler
 * returned, so a journal state never holds a position past an effect it does not hold.
 */
export interface InProcessBusJournal {
  load(): Promise<{ readonly partitions: readonly JournaledPartition[]; readonly positions: readonly JournaledPosition[] }>;
  /** Stores records at consecutive offsets from `offset` (overwriting what a failed earlier try left there). */
  append(topic: string, partition: number, offset: number, records: readonly StoredRecord[]): Promise<void>;
  /** Stores a group's position; later calls for the same partition carry higher positions. */
  commit(position: JournaledPosition): Promise<void>;
  /** Drops records below `offset` (every known group is past them). */
  truncate(topic: string, partition: number, offset: number): Promise<void>;
}

export interface InProcessEventBusOptions {
  /** Partitions of a topic not in the registry (dead-letter topics); Kafka's auto-create default. */
  readonly defaultPartitions?: number;
  /** Makes the log and the positions durable; call `recover()` before subscribing. */
  readonly journal?: InProcessBusJournal;
  readonly observer?: PipelineObserver;
  readonly around?: PipelineOptions['around'];
  readonly onError?: (error: unknown, context: string) => void;
}

/**
 * The event bus inside one process (all-in-one mode, fast tests), with Kafka's semantics: topics
 * of N partitions chosen by the same key hash as kafkajs, one worker per (group, partition) so
 * per-key order holds, at-least-once delivery through the shared consumer pipeline. Without a
 * journal it is not durable: a process that dies loses what its groups had not handled. With one
 * (`options.journal`, then `recover()`), a restart delivers every record past each group's
 * committed position again: consumers dedupe by their inbox, as with Kafka.
 */
export class InProcessEventBus<Ts extends readonly TopicDefinition[]> implements EventBus<Ts> {
  private readonly logs = new Map<string, PartitionLog[]>();
  private readonly groups = new Map<string, GroupState>();
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly shutdown = new AbortController();
  private state: 'new' | 'started' | 'closed' = 'new';
  private pending: { subscription: Subscription<readonly TopicDefinition[], string> }[] = [];
  /** Positions recovered from the journal, by group, topic and partition (groups not yet subscribed count for truncation). */
  private readonly recovered = new Map<string, Map<string, number[]>>();
  /** Journal appends run one at a time, so offsets follow the order publishes were made in. */
  private appending: Promise<void> = Promise.resolve();
  private readonly committing = new Map<string, { latest: JournaledPosition; running: Promise<void> | undefined }>();
  /** Open `holdTruncation()` calls: while any is open, no record is dropped. */
  private holds = 0;
  /** Per group asked `caughtUp`: each partition's end when first asked; the groups found caught up. */
  private readonly catchUpTargets = new Map<string, Map<string, number[]>>();
  private readonly caughtUpGroups = new Set<string>();

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
    const partitionMetadata = partitionMetadataOf(partitions.length);
    const byPartition = new Map<number, StoredRecord[]>();
    for (const record of records) {
      const index = this.partitioner({ topic, partitionMetadata, message: { key: record.key, value: record.value } });
      byPartition.set(index, [...(byPartition.get(index) ?? []), stored(record.key, record.value, record.headers)]);
    }
    const journal = this.options.journal;
    if (journal === undefined) {
      for (const [index, stored] of byPartition) {
        const log = partitions[index] as PartitionLog;
        for (const record of stored) log.append(record);
        this.truncate(topic, index, log);
      }
      return Promise.resolve();
    }
    // Visible to consumers only once journaled: a delivered record is always one a restart finds again.
    const appended = this.appending.then(async () => {
      for (const [index, stored] of byPartition) {
        const log = partitions[index] as PartitionLog;
        await journal.append(topic, index, log.end, stored);
        for (const record of stored) log.append(record);
        this.truncate(topic, index, log);
      }
    });
    this.appending = appended.catch(() => undefined);
    return appended;
  }

  /**
   * Loads the journal's log and positions (before the first subscription): each group resumes at
   * its committed position, a new group at the oldest retained record.
   */
  async recover(): Promise<void> {
    const journal = this.options.journal;
    if (journal === undefined) return;
    if (this.state !== 'new' || this.groups.size > 0 || this.pending.length > 0) throw new Error('recover() runs before subscriptions and start()');
    const { partitions, positions } = await journal.load();
    for (const { group, topic, partition, position } of positions) {
      const topics = this.recovered.get(group) ?? new Map<string, number[]>();
      this.recovered.set(group, topics);
      const list = topics.get(topic) ?? [];
      list[partition] = position;
      topics.set(topic, list);
    }
    for (const journaled of partitions) {
      const log = this.partitionsOf(journaled.topic)[journaled.partition];
      if (log === undefined || journaled.records.length === 0) continue;
      log.base = journaled.base;
      for (const record of journaled.records) log.append(stored(record.key, record.value, record.headers));
    }
    // A partition whose records were all truncated keeps its numbering: it resumes where its groups are.
    for (const topics of this.recovered.values()) {
      for (const [topic, list] of topics) {
        this.partitionsOf(topic).forEach((log, partition) => {
          if (log.records.length === 0) log.base = Math.max(log.base, list[partition] ?? 0);
        });
      }
    }
  }

  /**
   * Keeps every record until the returned release is called: a process whose groups subscribe one
   * after another (the all-in-one starts its contexts in turn) holds truncation until all have, so
   * a group that subscribes later still reads what an earlier one already read (as Kafka's retention
   * keeps it for a group that joins later). Releasing truncates what every group has read.
   */
  holdTruncation(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds > 0) return;
      for (const [topic, partitions] of this.logs) partitions.forEach((log, partition) => this.truncate(topic, partition, log));
    };
  }

  async subscribe<N extends TopicNames<Ts>>(subscription: Subscription<Ts, N>): Promise<void> {
    if (this.state === 'closed') throw new MessagingError(MessagingErrorCode.BusClosed, 'the bus is closed');
    const entry = { subscription: subscription as unknown as Subscription<readonly TopicDefinition[], string> };
    if (this.state === 'started') this.run(entry.subscription);
    else this.pending.push(entry);
    return Promise.resolve();
  }

  /**
   * Stops the group's workers (a handler in flight finishes; a retry wait ends and its record comes
   * again) and forgets the subscription; its positions are kept as a recovered group's, so truncation
   * respects them and a later subscription of the same group resumes where this one stopped.
   */
  async unsubscribe(group: string): Promise<void> {
    this.pending = this.pending.filter((entry) => entry.subscription.group !== group);
    const state = this.groups.get(group);
    if (state === undefined) return;
    state.stop.abort();
    await Promise.all(state.workers);
    this.groups.delete(group);
    const kept = this.recovered.get(group) ?? new Map<string, number[]>();
    for (const [topic, positions] of state.positions) kept.set(topic, [...positions]);
    this.recovered.set(group, kept);
    state.onAssignment?.([]);
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
    await this.appending;
    // The positions of what was handled, committed before the journal's store goes away.
    while ([...this.committing.values()].some((entry) => entry.running !== undefined)) {
      await Promise.all([...this.committing.values()].map((entry) => entry.running));
    }
  }

  isHealthy(): boolean {
    return this.state === 'started';
  }

  caughtUp(group: string): Promise<boolean> {
    const state = this.groups.get(group);
    if (state === undefined) return Promise.resolve(false);
    if (this.caughtUpGroups.has(group)) return Promise.resolve(true);
    let targets = this.catchUpTargets.get(group);
    if (targets === undefined) {
      targets = new Map(state.topics.map((topic) => [topic, this.partitionsOf(topic).map((log) => log.end)]));
      this.catchUpTargets.set(group, targets);
    }
    const done = [...targets].every(([topic, ends]) => ends.every((end, partition) => (state.positions.get(topic)?.[partition] ?? 0) >= end));
    if (done) this.caughtUpGroups.add(group);
    return Promise.resolve(done);
  }

  /** The retained records of a topic, oldest first (dead-letter inspection in the all-in-one mode). */
  records(topic: string): StoredRecord[] {
    return (this.logs.get(topic) ?? []).flatMap((log) => log.records);
  }

  /** Its own count: the registry's for a known topic (as deploy/ creates it), else the default. */
  partitionCount(topic: string): Promise<number | undefined> {
    return Promise.resolve(this.partitionsOf(topic).length);
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
    const stop = new AbortController();
    setMaxListeners(0, stop.signal);
    const stopOnShutdown = () => stop.abort();
    this.shutdown.signal.addEventListener('abort', stopOnShutdown, { once: true });
    stop.signal.addEventListener('abort', () => this.shutdown.signal.removeEventListener('abort', stopOnShutdown), { once: true });
    const group: GroupState = { pipeline, topics: subscription.topics, positions: new Map(), workers: [], stop, onAssignment: subscription.onAssignment };
    this.groups.set(subscription.group, group);
    for (const topic of subscription.topics) {
      const partitions = this.partitionsOf(topic);
      const committed = this.recovered.get(subscription.group)?.get(topic) ?? [];
      group.positions.set(topic, partitions.map((log, partition) => Math.max(log.base, committed[partition] ?? log.base)));
      partitions.forEach((log, partition) => group.workers.push(this.work(group, topic, partition, log)));
    }
    // The only member of its group in this process: it owns every partition until the bus closes.
    const onAssignment = subscription.onAssignment;
    if (onAssignment !== undefined) {
      onAssignment(subscription.topics.map((topic) => ({ topic, partitions: this.partitionsOf(topic).map((_, partition) => partition) })));
      this.shutdown.signal.addEventListener('abort', () => {
        if (this.groups.get(subscription.group) === group) onAssignment([]);
      }, { once: true });
    }
  }

  /**
   * One partition of one group: records in offset order, the next only after this one is done; with
   * batch delivery, the records there are (up to the run length) at once, committed once done.
   */
  private async work(group: GroupState, topic: string, partition: number, log: PartitionLog): Promise<void> {
    const positions = group.positions.get(topic) as number[];
    const signal = group.stop.signal;
    const length = group.pipeline.runLength(topic);
    while (!signal.aborted) {
      const offset = positions[partition] as number;
      await log.waitFor(offset, signal);
      if (signal.aborted) return;
      const run = log.records.slice(offset - log.base, offset - log.base + length);
      try {
        const done = await group.pipeline.processBatch(
          run.map((record, i) => ({ topic, partition, offset: String(offset + i), key: record.key, value: record.value, headers: record.headers })),
          { signal },
        );
        if (done === 0) return;
        positions[partition] = offset + done;
        this.commit({ group: group.pipeline.group, topic, partition, position: offset + done });
        this.truncate(topic, partition, log);
      } catch (error) {
        // Only a failed dead-letter write lands here: keep the record and try again shortly.
        this.options.onError?.(error, `group ${group.pipeline.group} on ${topic}[${partition}]@${offset}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** Every known group's position in a partition: subscribed ones, and recovered ones not subscribed yet. */
  private positionsOf(topic: string, partition: number): number[] {
    const found: number[] = [];
    for (const [name, topics] of this.recovered) {
      const position = topics.get(topic)?.[partition];
      if (position !== undefined && !this.groups.has(name)) found.push(position);
    }
    for (const group of this.groups.values()) {
      const position = group.positions.get(topic)?.[partition];
      if (position !== undefined) found.push(position);
    }
    return found;
  }

  private truncate(topic: string, partition: number, log: PartitionLog): void {
    if (this.holds > 0) return;
    const positions = this.positionsOf(topic, partition);
    // A partition no group reads (none subscribed, none recovered) keeps its latest UNREAD_RETENTION
    // records, as Kafka's retention would: a later subscriber finds them, and memory and the journal
    // stay bounded (`itsm.sla.v1` has no reader in the all-in-one today).
    const slowest = positions.length === 0 ? log.end - UNREAD_RETENTION : Math.min(log.end, ...positions);
    if (log.truncateBelow(slowest)) {
      void this.options.journal?.truncate(topic, partition, log.base).catch((error: unknown) => this.options.onError?.(error, `journal truncation of ${topic}[${partition}]`));
    }
  }

  /**
   * Journals a group's position after its handler returned. One write per partition at a time, the
   * latest position winning: a late commit only replays already-deduped records after a crash.
   */
  private commit(position: JournaledPosition): void {
    const journal = this.options.journal;
    if (journal === undefined) return;
    const key = `${position.group}\u0000${position.topic}\u0000${position.partition}`;
    const entry = this.committing.get(key) ?? { latest: position, running: undefined };
    this.committing.set(key, entry);
    entry.latest = position;
    if (entry.running !== undefined) return;
    const run = async (): Promise<void> => {
      let written = -1;
      while (entry.latest.position > written) {
        const next = entry.latest;
        try {
          await journal.commit(next);
        } catch (error) {
          this.options.onError?.(error, `journal commit of ${next.group} on ${next.topic}[${next.partition}]`);
          break;
        }
        written = next.position;
      }
      entry.running = undefined;
    };
    entry.running = run();
  }
}
