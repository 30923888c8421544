import type { EventEnvelope, EventOn, RawRecord, RecordHeaders, TopicDefinition, TopicNames } from '@itsm/contracts';
import type { BackoffPolicy } from '@itsm/platform/resilience';

/** An event as a handler receives it: validated, with where it came from. */
export interface DeliveredEvent<E extends EventEnvelope = EventEnvelope> {
  readonly envelope: E;
  /** The record's headers and value bytes as consumed: what a signature over the record covers (signed feeds). */
  readonly record: Pick<RawRecord, 'headers' | 'value'>;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** 1 on first delivery to the handler, 2 on the first retry, ... */
  readonly attempt: number;
}

export type EventHandler<E extends EventEnvelope = EventEnvelope> = (event: DeliveredEvent<E>) => Promise<void>;

/** Handles a run of one partition's valid events in one call, in offset order (one topic). */
export type EventBatchHandler<E extends EventEnvelope = EventEnvelope> = (events: readonly DeliveredEvent<E>[]) => Promise<void>;

/** Events of a partition handed over as runs (a projection's one read and one write per run, not per event). */
export interface BatchDelivery<E extends EventEnvelope = EventEnvelope, N extends string = string> {
  /**
   * Gets each run's valid events (malformed ones are dead-lettered first, one by one). When it
   * throws, the run is handled again record by record through it (one-element arrays) with the usual
   * retries, so a poison event is dead-lettered alone and the others apply; `attempt` counts every
   * call an event was in (the failed run call was its first).
   */
  readonly handle: EventBatchHandler<E>;
  /** The topics whose events come in runs (default: all of the subscription's); the others go to `handle` one by one. */
  readonly topics?: readonly N[];
  /** Records per run at most (default DEFAULT_MAX_BATCH). */
  readonly maxBatch?: number;
}

export const DEFAULT_MAX_BATCH = 200;

export interface RetryPolicy {
  /** Handler attempts before the event is dead-lettered (>= 1). */
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, backoff: { baseMs: 200, maxMs: 10_000, jitter: 1 } };

/** The partitions of one topic that this group member consumes. */
export interface PartitionAssignment {
  readonly topic: string;
  readonly partitions: readonly number[];
}

/**
 * Told which partitions this member owns: the full list after each (re)join, an empty list when a
 * rebalance starts, the consumer stops or crashes. Work keyed by partition (SLA timers) follows it,
 * so two replicas never hold the same partition's work at the same time.
 */
export type AssignmentListener = (owned: readonly PartitionAssignment[]) => void;

/** Why a record is refused before it is decoded (a signed feed's bad signature): dead-lettered with the code. */
export interface RecordRefusal {
  readonly code: string;
  readonly message: string;
}

/**
 * A check of the raw record (headers and value bytes as consumed) BEFORE it is decoded and its payload
 * validated: undefined lets it through, a refusal dead-letters it at once. Throwing (a store that
 * cannot be read) leaves the record to be delivered again.
 */
export type RecordCheck = (record: { readonly topic: string; readonly headers: RecordHeaders | undefined; readonly value: Buffer | null }) => Promise<RecordRefusal | undefined>;

/** One consumer group's interest: every replica of a service uses the same group. */
export interface Subscription<Ts extends readonly TopicDefinition[], N extends TopicNames<Ts>> {
  readonly group: string;
  readonly topics: readonly N[];
  readonly handle: EventHandler<EventOn<Ts, N>>;
  /** Runs of events per partition to one call instead (for the topics it names); same guarantees. */
  readonly batch?: BatchDelivery<EventOn<Ts, N>, N>;
  readonly retry?: RetryPolicy;
  readonly onAssignment?: AssignmentListener;
  /** Runs on each record before it is decoded (signed feeds verify the signature over the raw bytes first). */
  readonly check?: RecordCheck;
}

/** A record as it travels on a topic (dead letters carry the original bytes, not an envelope). */
export interface RawOutgoingRecord {
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: RecordHeaders;
}

/**
 * The event bus port. Both adapters (Kafka, in-process) give the same guarantees: per-key order
 * within a topic, one delivery per consumer group (shared among its members), at-least-once,
 * retries with backoff then a dead-letter topic, so a poison event never blocks its partition.
 */
export interface EventBus<Ts extends readonly TopicDefinition[] = readonly TopicDefinition[]> {
  /** Validates every payload against its schema, then appends the events keyed by subject, in order. */
  publish<N extends TopicNames<Ts>>(topic: N, events: readonly EventOn<Ts, N>[]): Promise<void>;
  /** The same for callers that serve many topics (the outbox relay): payloads are checked at run time. */
  publishEnvelopes(topic: string, events: readonly EventEnvelope[]): Promise<void>;
  /** Appends records as they are (dead-lettering, redrive). */
  publishRaw(topic: string, records: readonly RawOutgoingRecord[]): Promise<void>;
  /** Registers a consumer group; takes effect on `start()` (or at once when already started). */
  subscribe<N extends TopicNames<Ts>>(subscription: Subscription<Ts, N>): Promise<void>;
  /**
   * Ends a group's subscription in this process (handlers in flight finish, what was handled is
   * committed): with `subscribe` again over another topic list, a group follows a list that changes
   * (each supplier's inbound topic). Nothing when the group is not subscribed.
   */
  unsubscribe(group: string): Promise<void>;
  start(): Promise<void>;
  /** Stops fetching, lets in-flight handlers finish, commits what was handled, disconnects. */
  close(): Promise<void>;
  /** True while connected and every consumer group is running (readiness). */
  isHealthy(): boolean;
  /**
   * Whether `group` (subscribed here) has handled every event its topics held when this was first
   * asked for it, by whichever member (Kafka: the group's committed offsets): a projection rebuilt
   * from the streams answers reports only then (readiness). Once true it stays true.
   */
  caughtUp(group: string): Promise<boolean>;
  /** The partitions `topic` has, undefined while it does not exist: a metadata read, never a creation. */
  partitionCount(topic: string): Promise<number | undefined>;
}
