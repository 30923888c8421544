import type { EventEnvelope } from '@itsm/contracts';
import type { Clock } from '@itsm/platform/config';
import type { PartitionAssignment } from '@itsm/platform/messaging';
import { DueHeap } from './due-heap';
import { PeriodicJob } from './periodic-job';
import type { DueItem, TimerClaim, TimerClaimStore } from './timer-claims';
import { claimKey } from './timer-claims';
import type { Timers } from './timers';
import { sleep, systemTimers } from './timers';

/** What to arm for one key: everything it owes (claimed items are left out by the wheel). */
export interface ArmRequest<P, D extends DueItem> {
  readonly key: string;
  /** The partition (of the wheel's topic) the key's events arrive on: its owner runs the key's timers. */
  readonly partition: number;
  /** More may be armed later: the key stays in memory (with what it claimed) while it owes nothing. */
  readonly open: boolean;
  /** Everything owed, earliest first, claimed items included. */
  readonly due: readonly D[];
  /** What the event builder needs about the key. */
  readonly data: P;
}

/** A key whose item falls due, as the event builder sees it. */
export interface FiringTimer<P> {
  readonly key: string;
  readonly partition: number;
  readonly data: P;
}

interface ArmedTimer<P, D extends DueItem> extends FiringTimer<P> {
  readonly open: boolean;
  /** Still owed, earliest first (claimed and in-flight items excluded). */
  due: D[];
  /** Items claimed (fired or firing): never owed again. Its size numbers the next event. */
  readonly claimed: Set<string>;
  /** Nothing fires before this instant. */
  notBefore: number;
  /** The instant its heap entry stands for; null when none is queued. */
  queuedAt: number | null;
}

export interface WheelLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PartitionTimerWheelOptions<P, D extends DueItem> {
  /** Names the wheel in its logs ("<name> timers armed"). */
  readonly name: string;
  /** The topic whose partition ownership decides which keys this replica runs. */
  readonly topic: string;
  readonly claims: TimerClaimStore;
  /** The open keys stored for the partitions: armed when the partitions are assigned. */
  readonly stored: (partitions: readonly number[]) => AsyncIterable<ArmRequest<P, D>>;
  /** The event an item fires, numbered `sequence` in its key's stream; undefined drops the item. */
  readonly envelope: (timer: FiringTimer<P>, item: D, sequence: number, firedAt: Date) => EventEnvelope | undefined;
  /** Publishes fired events, in order. */
  readonly publish: (envelopes: readonly EventEnvelope[]) => Promise<void>;
  /** The earliest instant a freshly armed key may fire, given what it owes (default: at once). */
  readonly notBefore?: (owed: readonly D[], now: number) => number;
  readonly clock: Clock;
  /** Injected in tests (ManualTime); Node's timers otherwise. */
  readonly timers?: Timers;
  readonly logger: WheelLogger;
  /** How often publish checkpoints are saved (bounds what a takeover publishes again). */
  readonly checkpointMs: number;
  /** Keys whose due items are claimed and published per batch. */
  readonly batchSize: number;
  /** Longest sleep between two looks at the heap (default 30 s). */
  readonly maxSleepMs?: number;
  /** Pause before a failed load, batch or publish is retried (default 1 s). */
  readonly retryMs?: number;
  /** Claims published again on takeover reach this far behind the checkpoint: replica clock skew (default 10 s). */
  readonly recoveryMarginMs?: number;
}

interface Unpublished {
  readonly partition: number;
  readonly claimKey: string;
  readonly claimedAt: number;
  readonly envelope: EventEnvelope;
}

/**
 * Timers for the keys of the partitions this replica owns (Kafka assigns them; the in-process bus
 * gives one process all of them). Each armed key has one heap entry, at its earliest owed instant.
 * When it falls due, the item is first claimed (an insert keyed by key and item: once, whoever
 * tries), then its event is published; the claim stores the event, and a per-partition checkpoint
 * says up to when every claim is known published, so a takeover after a crash publishes the few
 * claims after it again, identical, and consumers drop the duplicates. Assigned partitions are
 * re-armed from storage; revoked ones are dropped.
 */
export class PartitionTimerWheel<P, D extends DueItem> {
  private readonly heap = new DueHeap();
  private readonly armed = new Map<string, ArmedTimer<P, D>>();
  private owned = new Set<number>();
  private readonly loading = new Map<number, Promise<void>>();
  /** Owned partitions whose timers are loaded and recovered: only their checkpoints may advance. */
  private readonly loaded = new Set<number>();
  /** Claimed, not yet published: claimedAt per claim key, by partition. */
  private readonly inFlight = new Map<number, Map<string, number>>();
  /** Claims whose publish failed, retried before anything newer. */
  private unpublished: Unpublished[] = [];
  private wake: unknown;
  private readonly checkpoints: PeriodicJob;
  private firing: Promise<void> | null = null;
  private stopped = false;
  private readonly timers: Timers;
  private readonly maxSleepMs: number;
  private readonly retryMs: number;
  private readonly recoveryMarginMs: number;
  /** Observed delay from due instant to publish, for metrics and benchmarks. */
  onFired?: (item: D, publishedAt: number) => void;

  constructor(private readonly options: PartitionTimerWheelOptions<P, D>) {
    this.timers = options.timers ?? systemTimers;
    this.maxSleepMs = options.maxSleepMs ?? 30_000;
    this.retryMs = options.retryMs ?? 1_000;
    this.recoveryMarginMs = options.recoveryMarginMs ?? 10_000;
    this.checkpoints = new PeriodicJob({
      name: `${options.name} publish checkpoints`,
      everyMs: options.checkpointMs,
      run: () => this.saveCheckpoints(),
      logger: options.logger,
      timers: this.timers,
    });
  }

  /** Starts saving publish checkpoints (timers fire whenever armed). */
  start(): void {
    this.checkpoints.start();
  }

  /** Stops firing, waits for a batch in flight, saves the checkpoints a last time. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.wake);
    await this.checkpoints.stop();
    await this.firing;
    await this.saveCheckpoints();
  }

  get armedKeys(): number {
    return this.armed.size;
  }

  ownedPartitions(): number[] {
    return [...this.owned];
  }

  owns(partition: number): boolean {
    return this.owned.has(partition);
  }

  /** Resolves once the partition's timers are loaded (event handling waits for it). */
  async whenReady(partition: number): Promise<void> {
    await this.loading.get(partition);
  }

  /** Follows the consumer group: drops revoked partitions' timers, loads newly owned ones. */
  onAssignment = (assignments: readonly PartitionAssignment[]): void => {
    const next = new Set(assignments.filter((a) => a.topic === this.options.topic).flatMap((a) => a.partitions));
    const revoked = [...this.owned].filter((p) => !next.has(p));
    const added = [...next].filter((p) => !this.owned.has(p));
    this.owned = next;
    if (revoked.length > 0) this.drop(new Set(revoked));
    if (added.length > 0) {
      const load = this.load(added);
      for (const p of added) this.loading.set(p, load);
    }
  };

  /** Loads and arms the partitions' stored keys, then publishes again what may not have been published. */
  async load(partitions: readonly number[]): Promise<void> {
    const { claims, logger, name } = this.options;
    const started = this.options.clock.now().getTime();
    try {
      const claimed = await claims.claimedKeys(partitions);
      let count = 0;
      for await (const request of this.options.stored(partitions)) {
        if (!this.owned.has(request.partition)) continue;
        this.arm(request, claimed.get(request.key) ?? new Set());
        count += 1;
      }
      for (const partition of partitions) {
        await this.recover(partition);
        if (this.owned.has(partition)) this.loaded.add(partition);
      }
      logger.info({ partitions, keys: count, ms: this.options.clock.now().getTime() - started }, `${name} timers armed`);
    } catch (error) {
      logger.error({ err: error, partitions }, `arming ${name} timers failed; retrying`);
      await sleep(this.timers, this.retryMs);
      const still = partitions.filter((p) => this.owned.has(p));
      if (still.length > 0 && !this.stopped) await this.load(still);
    }
  }

  /** The claimed item keys of a key this replica may not hold in memory (`known`: it may have claims). */
  async claimedKeys(key: string, known: boolean): Promise<Set<string>> {
    const armed = this.armed.get(key);
    if (armed !== undefined) return armed.claimed;
    return known ? this.options.claims.claimedKeysOf(key) : new Set();
  }

  /** (Re)arms a key with everything it owes now; only the owner of its partition holds it. */
  arm(request: ArmRequest<P, D>, claimed: Set<string>): void {
    if (!this.owned.has(request.partition)) return;
    const { key } = request;
    const inFlight = this.inFlight.get(request.partition);
    const due = request.due.filter((d) => !claimed.has(d.key) && !inFlight?.has(claimKey(key, d.key)));
    if (!request.open && due.length === 0) {
      this.armed.delete(key);
      return;
    }
    const timer: ArmedTimer<P, D> = {
      notBefore: this.options.notBefore?.(due, this.options.clock.now().getTime()) ?? 0,
      key,
      partition: request.partition,
      open: request.open,
      due,
      data: request.data,
      claimed,
      // The heap entry of the timer it replaces still stands for that instant: reuse it.
      queuedAt: this.armed.get(key)?.queuedAt ?? null,
    };
    this.armed.set(key, timer);
    this.queue(timer);
  }

  private queue(timer: ArmedTimer<P, D>): void {
    const first = timer.due[0]?.dueAt;
    const next = first === undefined ? null : Math.max(first, timer.notBefore);
    if (next === null || next === timer.queuedAt) return;
    timer.queuedAt = next;
    this.heap.push(next, timer.key);
    if (this.heap.peek() === next) this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.firing !== null) return; // a batch in flight schedules when it ends
    this.timers.clearTimeout(this.wake);
    const next = this.heap.peek();
    if (next === undefined && this.unpublished.length === 0) return;
    const delay = this.unpublished.length > 0 ? this.retryMs : Math.min(Math.max(0, (next as number) - this.options.clock.now().getTime()), this.maxSleepMs);
    this.wake = this.timers.setTimeout(() => this.fireDue(), delay);
  }

  private fireDue(): void {
    if (this.firing !== null) return;
    this.firing = this.fireLoop().finally(() => {
      this.firing = null;
      this.schedule();
    });
  }

  private async fireLoop(): Promise<void> {
    try {
      if (this.unpublished.length > 0) await this.republish();
      for (;;) {
        const now = this.options.clock.now().getTime();
        const batch: ArmedTimer<P, D>[] = [];
        while (batch.length < this.options.batchSize && (this.heap.peek() ?? Infinity) <= now) {
          const entry = this.heap.pop() as { dueAt: number; key: string };
          const timer = this.armed.get(entry.key);
          if (timer === undefined || timer.queuedAt !== entry.dueAt || !this.owned.has(timer.partition)) continue;
          timer.queuedAt = null;
          batch.push(timer);
        }
        if (batch.length === 0) return;
        await this.fireBatch(batch, now);
      }
    } catch (error) {
      this.options.logger.error({ err: error }, `${this.options.name} timer batch failed; retrying`);
      await sleep(this.timers, this.retryMs);
    }
  }

  /** Claims every owed item that is due in the batch, publishes the claimed ones, re-queues the rest. */
  private async fireBatch(batch: readonly ArmedTimer<P, D>[], now: number): Promise<void> {
    const firedAt = new Date(now);
    const claims: (TimerClaim & { timer: ArmedTimer<P, D>; item: D })[] = [];
    for (const timer of batch) {
      // Claims are added to `claimed` once inserted, before publishing: its size numbers the next event.
      let sequence = timer.claimed.size;
      while (timer.due.length > 0 && (timer.due[0] as D).dueAt <= now) {
        const item = timer.due.shift() as D;
        const envelope = this.options.envelope(timer, item, sequence + 1, firedAt);
        if (envelope === undefined) continue;
        sequence += 1;
        claims.push({ timerKey: timer.key, key: item.key, partition: timer.partition, claimedAt: firedAt, envelope, timer, item });
        this.trackInFlight(timer.partition, claimKey(timer.key, item.key), now);
      }
    }
    let inserted: Set<string>;
    try {
      inserted = await this.options.claims.claim(claims.map(({ timerKey, key, partition, claimedAt, envelope }) => ({ timerKey, key, partition, claimedAt, envelope })));
    } catch (error) {
      // Nothing was claimed for sure: owe them again (a claim that did land answers duplicate next time).
      for (const c of claims) {
        this.untrackInFlight(c.partition, claimKey(c.timerKey, c.key));
        c.timer.due.unshift(c.item);
      }
      for (const timer of batch) {
        timer.due.sort((a, b) => a.dueAt - b.dueAt);
        this.queue(timer);
      }
      throw error;
    }
    const toPublish: (Unpublished & { item: D })[] = [];
    for (const c of claims) {
      c.timer.claimed.add(c.key);
      const key = claimKey(c.timerKey, c.key);
      if (inserted.has(key)) toPublish.push({ partition: c.partition, claimKey: key, claimedAt: now, envelope: c.envelope, item: c.item });
      else this.untrackInFlight(c.partition, key); // claimed before (another replica, or before a restart)
    }
    await this.publishClaims(toPublish);
    for (const timer of batch) {
      // The key may have been re-armed (a newer object) while the claim was in flight.
      if (this.armed.get(timer.key) !== timer) continue;
      if (!timer.open && timer.due.length === 0) this.armed.delete(timer.key);
      else this.queue(timer);
    }
  }

  private async publishClaims(items: readonly (Unpublished & { item?: D })[]): Promise<void> {
    if (items.length === 0) return;
    try {
      await this.options.publish(items.map((i) => i.envelope));
    } catch (error) {
      this.options.logger.warn({ err: error, count: items.length }, `publishing ${this.options.name} events failed; retrying`);
      this.unpublished.push(...items.map(({ partition, claimKey: key, claimedAt, envelope }) => ({ partition, claimKey: key, claimedAt, envelope })));
      return;
    }
    const publishedAt = this.options.clock.now().getTime();
    for (const i of items) {
      this.untrackInFlight(i.partition, i.claimKey);
      if (i.item !== undefined) this.onFired?.(i.item, publishedAt);
    }
  }

  private async republish(): Promise<void> {
    const items = this.unpublished.filter((u) => this.owned.has(u.partition));
    this.unpublished = [];
    await this.publishClaims(items);
  }

  /** After a takeover: claims made after the partition's checkpoint may never have been published. */
  private async recover(partition: number): Promise<void> {
    const { claims, logger, name } = this.options;
    const through = await claims.publishedThrough(partition);
    const since = await claims.claimedSince(partition, new Date(through.getTime() - this.recoveryMarginMs));
    if (since.length > 0) {
      await this.options.publish(since.map((c) => c.envelope));
      logger.info({ partition, count: since.length }, `${name} events after the checkpoint published again`);
    }
  }

  /** Per loaded partition: every claim before the oldest unpublished one is published. */
  private async saveCheckpoints(): Promise<void> {
    const now = this.options.clock.now().getTime();
    try {
      for (const partition of this.owned) {
        if (!this.loaded.has(partition)) continue;
        let oldest = now;
        for (const claimedAt of this.inFlight.get(partition)?.values() ?? []) oldest = Math.min(oldest, claimedAt);
        for (const u of this.unpublished) if (u.partition === partition) oldest = Math.min(oldest, u.claimedAt);
        await this.options.claims.setPublishedThrough(partition, new Date(oldest - 1));
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, `saving ${this.options.name} publish checkpoints failed; retrying`);
    }
  }

  private drop(revoked: ReadonlySet<number>): void {
    for (const [key, timer] of this.armed) if (revoked.has(timer.partition)) this.armed.delete(key);
    for (const p of revoked) {
      this.loading.delete(p);
      this.loaded.delete(p);
      this.inFlight.delete(p);
    }
    this.unpublished = this.unpublished.filter((u) => !revoked.has(u.partition));
  }

  private trackInFlight(partition: number, key: string, at: number): void {
    let map = this.inFlight.get(partition);
    if (map === undefined) this.inFlight.set(partition, (map = new Map()));
    map.set(key, at);
  }

  private untrackInFlight(partition: number, key: string): void {
    this.inFlight.get(partition)?.delete(key);
  }
}
