import type { ExecutionResult } from 'graphql';
import { GatewayErrorCode, gatewayError } from '../gateway.errors';
import { liveAnswer, matchesFilter } from './live-operation';
import type { LiveOperation } from './live-operation';

/** Distinct changed entities that may wait for one subscriber before its subscription ends (default). */
export const DEFAULT_MAX_PENDING = 1_000;
/** Re-queries in flight at once across all subscribers of one gateway (default). */
export const DEFAULT_REQUERY_CONCURRENCY = 32;

/**
 * Whether a subscriber signed in as `subject` is one of `audience` (ids and lower-case user names):
 * as it is taken for an id, else for a user name in any case (as a context resolves its caller).
 */
export function isAudience(audience: readonly string[], subject: string | undefined): boolean {
  return subject !== undefined && (audience.includes(subject) || audience.includes(subject.toLowerCase()));
}

/** One re-query's outcome: an answer to filter and send, or the end of the subscription (credentials expired, ...). */
export type RequeryOutcome = { readonly kind: 'answer'; readonly result: ExecutionResult } | { readonly kind: 'end'; readonly result: ExecutionResult };

/** Runs a subscription's query (or its filter query) for one changed entity, as its subscriber. */
export type Requery = (id: string, filter: boolean) => Promise<RequeryOutcome>;

const SKIPPED: RequeryOutcome = { kind: 'answer', result: { data: null } };

/** A bound on work in flight: `run` waits for a free slot. */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

/**
 * One subscriber's stream of answers. Changes of entities its filter's `ids` leave out are dropped
 * at once; with other filter fields, a small query of those fields (as the subscriber) decides
 * before its own query runs. Changes are coalesced: an entity changed again while it waits
 * is queried once, in its latest state; an entity changed while its query runs is queried again
 * after. At most `maxPending` distinct entities wait: one more ends the subscription with
 * GATEWAY.SUBSCRIPTION_OVERFLOW (the subscriber re-reads and subscribes again), so a slow reader
 * costs the gateway a bounded set of ids, never a growing buffer of answers. Answers are produced
 * as the reader asks for them, one at a time.
 */
export class LiveStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly pending = new Set<string>();
  private wake: (() => void) | undefined;
  private ended = false;
  private overflowed = false;

  constructor(
    readonly operation: LiveOperation,
    private readonly requery: Requery,
    private readonly maxPending: number,
    private readonly onEnd: () => void,
    /** The subscriber's token subject (for changes meant for some people only). */
    private readonly subject?: string,
  ) {}

  /** A change of entity `id`, for everyone or (`audience`) for those token subjects only. */
  offer(id: string, audience?: readonly string[]): void {
    if (this.ended || this.pending.has(id) || (this.operation.ids !== null && !this.operation.ids.has(id))) return;
    if (audience !== undefined && !isAudience(audience, this.subject)) return;
    if (this.pending.size >= this.maxPending) this.overflowed = true;
    else this.pending.add(id);
    this.wake?.();
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    while (!this.ended) {
      if (this.overflowed) {
        this.end();
        return { done: false, value: { errors: [gatewayError(GatewayErrorCode.SubscriptionOverflow, `more than ${this.maxPending} changes waited for this subscriber: the subscription ended; re-read and subscribe again`)] } };
      }
      const id = this.pending.values().next().value as string | undefined;
      if (id === undefined) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      this.pending.delete(id);
      if (this.operation.filterQuery !== null) {
        const check = await this.requery(id, true);
        if (this.ended) break;
        if (check.kind === 'end') {
          this.end();
          return { done: false, value: check.result };
        }
        if (!matchesFilter(this.operation, check.result)) continue;
      }
      const outcome = await this.requery(id, false);
      if (this.ended) break;
      if (outcome.kind === 'end') {
        this.end();
        return { done: false, value: outcome.result };
      }
      const answer = liveAnswer(this.operation, outcome.result);
      if (answer) return { done: false, value: answer };
    }
    return { done: true, value: undefined };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.end();
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Ended: by its reader, an overflow, or a refused re-query. */
  get isEnded(): boolean {
    return this.ended;
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.pending.clear();
    this.wake?.();
    this.onEnd();
  }
}

/** The subscribers of every feed: a change of a feed's entity is offered to each stream of that feed. */
export class LiveHub {
  private readonly streams = new Map<string, Set<LiveStream>>();
  private readonly limit: ConcurrencyLimit;

  constructor(private readonly options: { readonly maxPending?: number; readonly concurrency?: number; readonly onCount?: (field: string, open: number) => void } = {}) {
    this.limit = new ConcurrencyLimit(options.concurrency ?? DEFAULT_REQUERY_CONCURRENCY);
  }

  /** A stream for `operation` answered by `requery` (as `subject`), offered every change of its feed until it ends. */
  open(operation: LiveOperation, requery: Requery, subject?: string): LiveStream {
    const field = operation.feed.field;
    const streams = this.streams.get(field) ?? new Set<LiveStream>();
    this.streams.set(field, streams);
    // A re-query waiting for a slot when its stream ends is not run.
    const limited: Requery = (id, filter) => this.limit.run(() => (stream.isEnded ? Promise.resolve(SKIPPED) : requery(id, filter)));
    const stream: LiveStream = new LiveStream(operation, limited, this.options.maxPending ?? DEFAULT_MAX_PENDING, () => {
      streams.delete(stream);
      this.options.onCount?.(field, streams.size);
    }, subject);
    streams.add(stream);
    this.options.onCount?.(field, streams.size);
    return stream;
  }

  /** Entity `id` of the feed serving subscription field `field` changed (for `audience` only, when given). */
  publish(field: string, id: string, audience?: readonly string[]): void {
    for (const stream of this.streams.get(field) ?? []) stream.offer(id, audience);
  }

  /** Open subscriptions (a gauge). */
  get size(): number {
    let size = 0;
    for (const streams of this.streams.values()) size += streams.size;
    return size;
  }

  /** Ends every stream (the gateway is stopping). */
  async close(): Promise<void> {
    await Promise.all([...this.streams.values()].flatMap((streams) => [...streams].map((stream) => stream.return())));
  }
}
