import type { EventEnvelope } from '@itsm/contracts';
import type { Clock } from '@itsm/platform/config';
import type { PartitionAssignment } from '@itsm/platform/messaging';
import { ArmedKeys } from './armed-keys';
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
  /**
   * With `recordClaims`: the item keys the stored key records as claimed (complete up to its
   * partition's publish checkpoint). Absent: not recorded (a key stored before they were), so every
   * claim of its partitions is read (once per load, as without `recordClaims`).
   */
  readonly claimed?: readonly string[];
}

/** A key whose item falls due, as the event builder sees it. */
export interface FiringTimer<P> {
  readonly key: string;
  readonly partition: number;
  readonly data: P;
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
  /**
   * Records claims on the stored keys (as `ArmRequest.claimed`), after their events are published,
   * off the firing path: while timers fire, claims wait (up to `recordLagMs`) for the firing to pause,
   * then go in calls of at most `batchSize` claims, so recording never delays what falls due; a
   * failed call is retried. A claim holds its partition's publish checkpoint back until it is
   * recorded, so every claim up to the checkpoint is recorded, and re-arming reads only the claims
   * after the checkpoint (less the recovery margin) instead of every claim of the partitions. A
   * record is a subset of the claims, whatever its lag. Without it, re-arming reads every claim.
   */
  readonly recordClaims?: (claims: readonly ClaimRef[]) => Promise<void>;
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
  /**
   * An item's identity apart from its due instant: items of equal identity are stored once (a
   * million keys owe the same few kinds of item). Default: the item as JSON without `dueAt` (plain data).
   */
  readonly itemIdentity?: (item: D) => string;
  /** Cursors read at once when several partitions are assigned, each over a group of them (default 4). */
  readonly loadConcurrency?: number;
  /** Batches claimed at once when more than one batch is due (default 2): their round trips overlap. */
  readonly batchesInFlight?: number;
  /** With `recordClaims`: the longest a published claim waits for the firing to pause before it is recorded anyway (default 10 s). */
  readonly recordLagMs?: number;
}

/** Which item of which key was claimed: what a record holds. */
export type ClaimRef = Pick<TimerClaim, 'timerKey' | 'key'>;

interface Unpublished {
  readonly partition: number;
  readonly claimKey: string;
  readonly claimedAt: number;
  readonly envelope: EventEnvelope;
  /** The claim to record (`recordClaims`) once the event is published; null without recording. */
  readonly claim: ClaimRef | null;
}

/** A published claim waiting to be recorded (`recordClaims`): it holds its partition's checkpoint at `claimedAt`. */
interface Unrecorded {
  readonly partition: number;
  readonly claimedAt: number;
  readonly claim: ClaimRef;
  /** When it started waiting (the clock's time). */
  readonly queuedAt: number;
}

/** A batch's claims whose insert failed: some may have landed all the same (the call failed after the store applied it). */
interface Uncertain {
  readonly partition: number;
  readonly claimedAt: number;
  readonly claimKeys: ReadonlySet<string>;
}

/**
 * Timers for the keys of the partitions this replica owns (Kafka assigns them; the in-process bus
 * gives one process all of them). Each armed key has one heap entry, at its earliest owed instant.
 * When it falls due, the item is first claimed (an insert keyed by key and item: once, whoever
 * tries), then its event is published; the claim stores the event, and a per-partition checkpoint
 * says up to when every claim is known published, so a takeover after a crash publishes the few
 * claims after it again, identical, and consumers drop the duplicates. Newly assigned partitions
 * are re-armed from storage; a partition revoked by an empty assignment (a rebalance starting) is
 * kept in memory, suspended, and resumed without reading storage when the next assignment gives it
 * back and nobody took it over meanwhile (its ownership epoch is unchanged); otherwise it is dropped.
 * Keys are held compactly (ArmedKeys): slots in typed arrays, interned items.
 */
export class PartitionTimerWheel<P, D extends DueItem> {
  private readonly heap = new DueHeap();
  private readonly armed: ArmedKeys<P, D>;
  private owned = new Set<number>();
  /** Revoked by an empty assignment, kept until the next assignment says whether they come back. */
  private readonly suspended = new Set<number>();
  /** Suspended partitions assigned again, being checked: the token of the check that may resume each. */
  private readonly resuming = new Map<number, number>();
  private resumeTokens = 0;
  private readonly loading = new Map<number, Promise<void>>();
  /** Owned partitions whose timers are loaded and recovered: only their checkpoints may advance. */
  private readonly loaded = new Set<number>();
  /** The ownership epoch this replica set when it loaded each partition. */
  private readonly epochs = new Map<number, number>();
  /** Claimed, not yet published: claimedAt per claim key, by partition. */
  private readonly inFlight = new Map<number, Map<string, number>>();
  /** Claims whose publish failed, retried before anything newer. */
  private unpublished: Unpublished[] = [];
  /** Claims whose insert failed, looked up before anything fires again (those that landed are published). */
  private uncertain: Uncertain[] = [];
  /** Published claims to record (`recordClaims`), and those being recorded now: both hold checkpoints back. */
  private unrecorded: Unrecorded[] = [];
  private recordingNow: readonly Unrecorded[] = [];
  private recording: Promise<void> | null = null;
  /** Set while recording waits for the firing to pause: fires when the oldest waiting claim has waited `recordLagMs`. */
  private recordWake: unknown;
  private readonly recordLagMs: number;
  private wake: unknown;
  private readonly checkpoints: PeriodicJob;
  private firing: Promise<void> | null = null;
  private stopped = false;
  private readonly timers: Timers;
  private readonly maxSleepMs: number;
  private readonly retryMs: number;
  /** Claims published again on takeover reach this far behind the checkpoint. */
  readonly recoveryMarginMs: number;
  private readonly loadConcurrency: number;
  private readonly batchesInFlight: number;
  /** Observed delay from due instant to publish, for metrics and benchmarks: the item, when, its key. */
  onFired?: (item: D, publishedAt: number, key: string) => void;

  constructor(private readonly options: PartitionTimerWheelOptions<P, D>) {
    this.timers = options.timers ?? systemTimers;
    this.maxSleepMs = options.maxSleepMs ?? 30_000;
    this.retryMs = options.retryMs ?? 1_000;
    this.recoveryMarginMs = options.recoveryMarginMs ?? 10_000;
    this.loadConcurrency = Math.max(1, options.loadConcurrency ?? 4);
    this.batchesInFlight = Math.max(1, options.batchesInFlight ?? 2);
    this.recordLagMs = options.recordLagMs ?? 10_000;
    this.armed = new ArmedKeys<P, D>(options.itemIdentity ?? ((item) => JSON.stringify({ ...item, dueAt: 0 })));
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
    this.timers.clearTimeout(this.recordWake);
    await this.firing;
    await this.recording;
    // What waits, recorded now (a failure leaves it to the checkpoint: held before it).
    for (let left = this.unrecorded.length; left > 0; left = this.unrecorded.length) {
      await this.recordPending(false);
      if (this.unrecorded.length >= left) break;
    }
    await this.saveCheckpoints();
  }

  get armedKeys(): number {
    return this.armed.size;
  }

  ownedPartitions(): number[] {
    return [...this.owned];
  }

  /** Owned partitions whose timers are loaded and recovered. */
  loadedPartitions(): number[] {
    return [...this.loaded].filter((p) => this.owned.has(p));
  }

  owns(partition: number): boolean {
    return this.owned.has(partition);
  }

  /** Whether the key is armed here (it owes something, or stays while open). */
  holds(key: string): boolean {
    return this.armed.slotOf(key) !== undefined;
  }

  /** Resolves once the partition's timers are loaded (event handling waits for it). */
  async whenReady(partition: number): Promise<void> {
    await this.loading.get(partition);
  }

  /**
   * Follows the consumer group. An empty assignment (a rebalance starting, or the consumer
   * stopping) suspends the owned partitions; a non-empty one drops what it does not name, resumes
   * suspended partitions it names (or loads them again if another replica took them over
   * meanwhile) and loads only the partitions newly assigned.
   */
  onAssignment = (assignments: readonly PartitionAssignment[]): void => {
    const next = new Set(assignments.filter((a) => a.topic === this.options.topic).flatMap((a) => a.partitions));
    const revoked = [...this.owned].filter((p) => !next.has(p));
    this.owned = new Set([...next].filter((p) => this.owned.has(p)));
    if (next.size === 0) {
      this.resuming.clear();
      for (const p of revoked) {
        if (this.loaded.has(p)) this.suspended.add(p);
        this.loading.delete(p);
        this.loaded.delete(p);
      }
      for (const p of this.suspended) this.loading.delete(p);
      this.drop(new Set(revoked.filter((p) => !this.suspended.has(p))));
      return;
    }
    const gone = new Set([...revoked, ...[...this.suspended].filter((p) => !next.has(p))]);
    for (const p of gone) {
      this.suspended.delete(p);
      this.resuming.delete(p);
    }
    this.drop(gone);
    for (const p of next) {
      if (!this.suspended.has(p) || this.resuming.has(p)) continue;
      const token = ++this.resumeTokens;
      this.resuming.set(p, token);
      this.loading.set(p, this.resume(p, token));
    }
    const added = [...next].filter((p) => !this.owned.has(p) && !this.suspended.has(p));
    for (const p of added) this.owned.add(p);
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
      let count = 0;
      /** With recorded claims, the claims after each partition's checkpoint, read once: to arm and to recover. */
      const afterCheckpoint = new Map<number, TimerClaim[]>();
      // One cursor per group of partitions, the groups read at once (parallel cursors).
      const groups = Array.from({ length: Math.min(this.loadConcurrency, partitions.length) }, (_, g) => partitions.filter((_p, i) => i % this.loadConcurrency === g));
      const loadGroup = async (group: readonly number[]): Promise<void> => {
        const owned = group.filter((p) => this.owned.has(p));
        if (owned.length === 0) return;
        for (const partition of owned) this.epochs.set(partition, await claims.takeOver(partition));
        const recorded = this.options.recordClaims !== undefined;
        const claimed = recorded ? await this.claimedAfterCheckpoints(owned, afterCheckpoint) : await claims.claimedKeys(owned);
        // Keys stored before claims were recorded on them: every claim of the partitions, read once if one shows up.
        let everyClaim: Map<string, Set<string>> | undefined;
        for await (const request of this.options.stored(owned)) {
          if (!this.owned.has(request.partition)) continue;
          const after = claimed.get(request.key) ?? EMPTY;
          if (!recorded) this.arm(request, after);
          else if (request.claimed === undefined) this.arm(request, (everyClaim ??= await claims.claimedKeys(owned)).get(request.key) ?? EMPTY);
          else this.arm(request, after.size === 0 ? new Set(request.claimed) : new Set([...request.claimed, ...after]));
          count += 1;
        }
      };
      await Promise.all(groups.map(loadGroup));
      for (const partition of partitions) {
        await this.recover(partition, afterCheckpoint.get(partition));
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

  /**
   * The claims a stored key may not record yet: those made after its partition's publish checkpoint,
   * less the recovery margin (also kept per partition in `byPartition`: recovery publishes them again).
   */
  private async claimedAfterCheckpoints(partitions: readonly number[], byPartition: Map<number, TimerClaim[]>): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    for (const partition of partitions) {
      const since = await this.claimsAfterCheckpoint(partition);
      byPartition.set(partition, since);
      for (const c of since) {
        let keys = out.get(c.timerKey);
        if (keys === undefined) out.set(c.timerKey, (keys = new Set()));
        keys.add(c.key);
      }
    }
    return out;
  }

  /** A suspended partition assigned again: kept as it is if nobody loaded it meanwhile, else loaded again. */
  private async resume(partition: number, token: number): Promise<void> {
    let unchanged = false;
    try {
      unchanged = (await this.options.claims.ownershipEpoch(partition)) === this.epochs.get(partition);
    } catch (error) {
      this.options.logger.warn({ err: error, partition }, `${this.options.name}: reading the ownership of a resumed partition failed; loading it again`);
    }
    // Another assignment came meanwhile: it decided (dropped it, or suspended it again).
    if (this.resuming.get(partition) !== token) return;
    this.resuming.delete(partition);
    this.suspended.delete(partition);
    this.owned.add(partition);
    if (!unchanged) {
      this.drop(new Set([partition]), false);
      await this.load([partition]);
      return;
    }
    this.loaded.add(partition);
    // Its heap entries may have been popped (and skipped) while it was suspended.
    const slots = this.armed.slotsOf(new Set([partition]));
    for (const slot of slots) {
      this.armed.setQueuedAt(slot, NaN);
      this.queue(slot);
    }
    this.options.logger.info({ partition, keys: slots.length }, `${this.options.name} timers resumed after a rebalance, not read again`);
  }

  /** The claimed item keys of a key this replica may not hold in memory (`known`: it may have claims). */
  async claimedKeys(key: string, known: boolean): Promise<Set<string>> {
    const slot = this.armed.slotOf(key);
    if (slot !== undefined) return this.armed.claimed(slot);
    return known ? this.options.claims.claimedKeysOf(key) : new Set();
  }

  /** (Re)arms a key with everything it owes now; only the owner of its partition holds it. */
  arm(request: ArmRequest<P, D>, claimed: ReadonlySet<string>): void {
    if (!this.owned.has(request.partition)) return;
    const { key } = request;
    const inFlight = this.inFlight.get(request.partition);
    const due = request.due.filter((d) => !claimed.has(d.key) && !inFlight?.has(claimKey(key, d.key)));
    const current = this.armed.slotOf(key);
    if (!request.open && due.length === 0) {
      if (current !== undefined) this.armed.release(current);
      return;
    }
    const notBefore = this.options.notBefore?.(due, this.options.clock.now().getTime()) ?? 0;
    // A slot armed again keeps its queued instant: its heap entry still stands for it.
    const slot = this.armed.set(key, request.partition, request.open, notBefore, request.data, due, claimed);
    this.queue(slot);
  }

  private queue(slot: number): void {
    const first = this.armed.firstDueAt(slot);
    const next = first === undefined ? null : Math.max(first, this.armed.notBefore(slot));
    if (next === null || next === this.armed.queuedAt(slot)) return;
    this.armed.setQueuedAt(slot, next);
    this.heap.push(next, slot);
    if (this.heap.peek() === next) this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.firing !== null) return; // a batch in flight schedules when it ends
    this.timers.clearTimeout(this.wake);
    const next = this.heap.peek();
    const retrying = this.unpublished.length > 0 || this.uncertain.length > 0;
    if (next === undefined && !retrying) return;
    const delay = retrying ? this.retryMs : Math.min(Math.max(0, (next as number) - this.options.clock.now().getTime()), this.maxSleepMs);
    this.wake = this.timers.setTimeout(() => this.fireDue(), delay);
  }

  private fireDue(): void {
    if (this.firing !== null) return;
    this.firing = this.fireLoop().finally(() => {
      this.firing = null;
      this.schedule();
      this.recordSoon();
    });
  }

  /**
   * Fires what is due in batches, up to `batchesInFlight` claimed at once: a batch's keys are out of
   * the heap until it ends, so no key is in two batches and each key's events stay in order, while
   * the claim round trips of consecutive batches overlap.
   */
  private async fireLoop(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const failures: unknown[] = [];
    try {
      if (this.uncertain.length > 0) await this.confirmUncertain();
      if (this.unpublished.length > 0) await this.republish();
      for (;;) {
        if (failures.length > 0) throw failures[0];
        const now = this.options.clock.now().getTime();
        const batch = this.dueBatch(now);
        if (batch.length > 0) {
          const done: Promise<void> = this.fireBatch(batch, now)
            .catch((error: unknown) => {
              failures.push(error);
            })
            .finally(() => inFlight.delete(done));
          inFlight.add(done);
          if (inFlight.size < this.batchesInFlight) continue;
        }
        if (inFlight.size === 0) {
          if (failures.length > 0) throw failures[0];
          return;
        }
        await Promise.race(inFlight);
      }
    } catch (error) {
      await Promise.all(inFlight);
      this.options.logger.error({ err: error }, `${this.options.name} timer batch failed; retrying`);
      await sleep(this.timers, this.retryMs);
    }
  }

  /** Takes up to a batch of keys whose heap entry is due, out of the heap. */
  private dueBatch(now: number): Firing<D>[] {
    const batch: Firing<D>[] = [];
    while (batch.length < this.options.batchSize && (this.heap.peek() ?? Infinity) <= now) {
      const { dueAt, slot } = this.heap.pop() as { dueAt: number; slot: number };
      if (!this.armed.inUse(slot) || this.armed.queuedAt(slot) !== dueAt || !this.owned.has(this.armed.partition(slot))) continue;
      this.armed.setQueuedAt(slot, NaN);
      batch.push({ slot, generation: this.armed.generation(slot), key: this.armed.key(slot), partition: this.armed.partition(slot), items: [] });
    }
    return batch;
  }

  /** Claims every owed item that is due in the batch, publishes the claimed ones, re-queues the rest. */
  private async fireBatch(batch: readonly Firing<D>[], now: number): Promise<void> {
    const firedAt = new Date(now);
    const claims: (TimerClaim & { firing: Firing<D>; item: D })[] = [];
    for (const firing of batch) {
      const { slot, key, partition } = firing;
      const timer: FiringTimer<P> = { key, partition, data: this.armed.dataOf(slot) };
      // Claims are recorded once inserted, before publishing: their count numbers the next event.
      let sequence = this.armed.claimedCount(slot);
      for (const item of this.armed.takeDue(slot, now)) {
        firing.items.push(item);
        const envelope = this.options.envelope(timer, item, sequence + 1, firedAt);
        if (envelope === undefined) continue;
        sequence += 1;
        claims.push({ timerKey: key, key: item.key, partition, claimedAt: firedAt, envelope, firing, item });
        this.trackInFlight(partition, claimKey(key, item.key), now);
      }
    }
    const made: TimerClaim[] = claims.map(({ timerKey, key, partition, claimedAt, envelope }) => ({ timerKey, key, partition, claimedAt, envelope }));
    let inserted: Set<string>;
    try {
      inserted = await this.options.claims.claim(made);
    } catch (error) {
      // Nothing was claimed for sure: owe them again. Some may have landed all the same (the call
      // failed after the store applied them): their retry would answer duplicate and publish nothing,
      // so before anything fires again those that landed are looked up and published (confirmUncertain),
      // and until then they hold their partitions' checkpoints back.
      for (const [partition, keys] of groupBy(claims, (c) => c.partition)) {
        this.uncertain.push({ partition, claimedAt: now, claimKeys: new Set(keys.map((c) => claimKey(c.timerKey, c.key))) });
      }
      for (const c of claims) this.untrackInFlight(c.partition, claimKey(c.timerKey, c.key));
      for (const firing of batch) {
        if (!this.current(firing)) continue;
        this.armed.giveBack(firing.slot, firing.items.filter((item) => claims.some((c) => c.item === item)));
        this.queue(firing.slot);
      }
      throw error;
    }
    const toPublish: (Unpublished & { item: D; key: string })[] = [];
    const madeBefore: Omit<Unrecorded, 'queuedAt'>[] = [];
    const recording = this.options.recordClaims !== undefined;
    for (const c of claims) {
      if (this.current(c.firing)) this.armed.addClaimed(c.firing.slot, c.key);
      const key = claimKey(c.timerKey, c.key);
      const claim = recording ? { timerKey: c.timerKey, key: c.key } : null;
      if (inserted.has(key)) toPublish.push({ partition: c.partition, claimKey: key, claimedAt: now, envelope: c.envelope, item: c.item, key: c.timerKey, claim });
      else {
        this.untrackInFlight(c.partition, key); // claimed before (another replica, or before a restart)
        // Recorded too (a claim made before is a claim all the same), at best effort: lost if this batch's publish fails.
        if (claim !== null) madeBefore.push({ partition: c.partition, claimedAt: now, claim });
      }
    }
    await this.publishClaims(toPublish, madeBefore);
    for (const firing of batch) {
      // The key may have been armed again (or dropped) while the claim was in flight.
      if (!this.current(firing)) continue;
      if (!this.armed.isOpen(firing.slot) && !this.armed.owes(firing.slot)) this.armed.release(firing.slot);
      else this.queue(firing.slot);
    }
  }

  private current(firing: Firing<D>): boolean {
    return this.armed.inUse(firing.slot) && this.armed.generation(firing.slot) === firing.generation;
  }

  /**
   * Publishes the items' events, then leaves their claims (and `record`, claims found made before)
   * to be recorded (`recordClaims`); on a failure the items wait in `unpublished`, holding the
   * checkpoint back.
   */
  private async publishClaims(items: readonly (Unpublished & { item?: D; key?: string })[], record: readonly Omit<Unrecorded, 'queuedAt'>[] = []): Promise<void> {
    if (items.length > 0) {
      try {
        await this.options.publish(items.map((i) => i.envelope));
      } catch (error) {
        this.options.logger.warn({ err: error, count: items.length }, `publishing ${this.options.name} events failed; retrying`);
        this.unpublished.push(...items.map(({ partition, claimKey: key, claimedAt, envelope, claim }) => ({ partition, claimKey: key, claimedAt, envelope, claim })));
        return;
      }
    }
    const publishedAt = this.options.clock.now().getTime();
    for (const i of items) {
      // Held by its record from now on (untracked after, so the checkpoint never passes it meanwhile).
      if (i.claim !== null) this.unrecorded.push({ partition: i.partition, claimedAt: i.claimedAt, claim: i.claim, queuedAt: publishedAt });
      this.untrackInFlight(i.partition, i.claimKey);
      if (i.item !== undefined && i.key !== undefined) this.onFired?.(i.item, publishedAt, i.key);
    }
    this.unrecorded.push(...record.map((r) => ({ ...r, queuedAt: publishedAt })));
    this.recordSoon();
  }

  /**
   * Starts recording what waits, unless a call is under way (it starts the next when it ends) or
   * timers are firing and the oldest waiting claim has waited less than `recordLagMs` (the firing's
   * end starts it, else a wake at the lag).
   */
  private recordSoon(): void {
    const oldest = this.unrecorded[0];
    if (this.recording !== null || oldest === undefined || this.stopped) return;
    const waited = this.options.clock.now().getTime() - oldest.queuedAt;
    if (this.firing !== null && waited < this.recordLagMs) {
      this.recordWake ??= this.timers.setTimeout(() => {
        this.recordWake = undefined;
        this.recordSoon();
      }, this.recordLagMs - waited);
      return;
    }
    this.timers.clearTimeout(this.recordWake);
    this.recordWake = undefined;
    this.recording = this.recordPending(true).finally(() => {
      this.recording = null;
      this.recordSoon();
    });
  }

  /** Records up to a batch of the claims waiting, in one call; on a failure they wait again (after a pause, unless stopping). */
  private async recordPending(pause: boolean): Promise<void> {
    const { recordClaims } = this.options;
    if (recordClaims === undefined || this.unrecorded.length === 0) return;
    const taken = this.unrecorded.slice(0, this.options.batchSize);
    this.unrecorded = this.unrecorded.slice(taken.length);
    this.recordingNow = taken;
    try {
      await recordClaims(taken.map((u) => u.claim));
    } catch (error) {
      this.options.logger.warn({ err: error, count: taken.length }, `recording ${this.options.name} claims failed; retrying`);
      // A claim's record is true whoever owns its partition now: kept until it lands.
      this.unrecorded = [...taken, ...this.unrecorded];
      if (pause) await sleep(this.timers, this.retryMs);
    } finally {
      this.recordingNow = [];
    }
  }

  /**
   * Looks up the claims of failed inserts: those that landed are published (as unpublished claims:
   * recorded, then published; their stored event, identical to the one a retry would make); those
   * that did not are owed again already. A failed look-up keeps them uncertain and fires nothing.
   */
  private async confirmUncertain(): Promise<void> {
    const pending = groupBy(
      this.uncertain.filter((u) => this.owned.has(u.partition)),
      (u) => u.partition,
    );
    // A suspended partition's wait: it may come back (else its next owner's recovery publishes them).
    this.uncertain = this.uncertain.filter((u) => this.suspended.has(u.partition));
    try {
      for (const [partition, entries] of pending) {
        const attempted = new Set(entries.flatMap((u) => [...u.claimKeys]));
        const since = new Date(Math.min(...entries.map((u) => u.claimedAt)) - 1);
        for (const c of await this.options.claims.claimedSince(partition, since)) {
          const key = claimKey(c.timerKey, c.key);
          if (!attempted.delete(key)) continue;
          this.unpublished.push({ partition, claimKey: key, claimedAt: c.claimedAt.getTime(), envelope: c.envelope, claim: this.options.recordClaims === undefined ? null : { timerKey: c.timerKey, key: c.key } });
        }
        pending.delete(partition);
      }
    } finally {
      for (const entries of pending.values()) this.uncertain.push(...entries);
    }
  }

  private async republish(): Promise<void> {
    const items = this.unpublished.filter((u) => this.owned.has(u.partition));
    // A suspended partition's claims wait: it may come back (else its next owner publishes them).
    this.unpublished = this.unpublished.filter((u) => this.suspended.has(u.partition));
    await this.publishClaims(items);
  }

  /** The claims made after the partition's publish checkpoint, less the recovery margin. */
  private async claimsAfterCheckpoint(partition: number): Promise<TimerClaim[]> {
    const through = await this.options.claims.publishedThrough(partition);
    return this.options.claims.claimedSince(partition, new Date(through.getTime() - this.recoveryMarginMs));
  }

  /**
   * After a takeover: claims made after the partition's checkpoint (`known`: as read when loading)
   * may never have been published, nor recorded (their maker may have died in between).
   */
  private async recover(partition: number, known?: readonly TimerClaim[]): Promise<void> {
    const { logger, name } = this.options;
    const since = known ?? (await this.claimsAfterCheckpoint(partition));
    if (since.length === 0) return;
    await this.options.publish(since.map((c) => c.envelope));
    if (this.options.recordClaims !== undefined) {
      const queuedAt = this.options.clock.now().getTime();
      this.unrecorded.push(...since.map((c) => ({ partition, claimedAt: c.claimedAt.getTime(), claim: { timerKey: c.timerKey, key: c.key }, queuedAt })));
      this.recordSoon();
    }
    logger.info({ partition, count: since.length }, `${name} events after the checkpoint published again`);
  }

  /** Per loaded partition: every claim before the oldest one unpublished (or, with `recordClaims`, unrecorded) is published (and recorded). */
  private async saveCheckpoints(): Promise<void> {
    const now = this.options.clock.now().getTime();
    const oldest = new Map<number, number>();
    const hold = (partition: number, claimedAt: number): void => {
      if (claimedAt < (oldest.get(partition) ?? now)) oldest.set(partition, claimedAt);
    };
    for (const [partition, claims] of this.inFlight) for (const claimedAt of claims.values()) hold(partition, claimedAt);
    for (const list of [this.unpublished, this.uncertain, this.unrecorded, this.recordingNow]) for (const u of list) hold(u.partition, u.claimedAt);
    try {
      for (const partition of this.owned) {
        if (!this.loaded.has(partition)) continue;
        await this.options.claims.setPublishedThrough(partition, new Date((oldest.get(partition) ?? now) - 1));
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, `saving ${this.options.name} publish checkpoints failed; retrying`);
    }
  }

  /** Forgets the partitions' keys (and, unless only reloading, their loading state and unpublished claims). */
  private drop(partitions: ReadonlySet<number>, revoked = true): void {
    if (partitions.size === 0) return;
    for (const slot of this.armed.slotsOf(partitions)) this.armed.release(slot);
    if (!revoked) return;
    for (const p of partitions) {
      this.loading.delete(p);
      this.loaded.delete(p);
      this.inFlight.delete(p);
      this.epochs.delete(p);
    }
    this.unpublished = this.unpublished.filter((u) => !partitions.has(u.partition));
    this.uncertain = this.uncertain.filter((u) => !partitions.has(u.partition));
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

/** A key popped from the heap for a batch: its slot as it was then, and the items taken from it. */
interface Firing<D> {
  readonly slot: number;
  readonly generation: number;
  readonly key: string;
  readonly partition: number;
  readonly items: D[];
}

const EMPTY: ReadonlySet<string> = new Set();

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const group = out.get(keyOf(item));
    if (group === undefined) out.set(keyOf(item), [item]);
    else group.push(item);
  }
  return out;
}
