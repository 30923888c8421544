import type { EventEnvelope } from '@itsm/contracts';
import type { Clock } from '@itsm/platform/config';
import type { PartitionAssignment } from '@itsm/platform/messaging';
import type { Logger } from 'pino';
import type { DueEmission, TicketType } from '../../domain';
import type { Firing, SlaFiringRepository, SlaTicketRepository } from '../../persistence';
import { ticketKey } from '../../persistence';
import type { SlaSettings } from '../sla-tokens';
import type { ArmedTicket, ArmRequest } from './armed-ticket';
import { clockMeta } from './armed-ticket';
import { DueHeap } from './due-heap';
import { emissionEnvelope } from './sla-emission';

export interface TimerDependencies {
  readonly tickets: SlaTicketRepository;
  readonly firings: SlaFiringRepository;
  /** Publishes on `itsm.sla.v1`, in order. */
  readonly publish: (envelopes: readonly EventEnvelope[]) => Promise<void>;
  readonly clock: Clock;
  readonly settings: SlaSettings;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The topic whose partition ownership decides which tickets' timers this replica runs. */
  readonly ticketTopic: string;
}

/** Claims re-published on takeover reach this far behind the checkpoint (replica clock skew). */
const RECOVERY_MARGIN_MS = 10_000;
const MAX_SLEEP_MS = 30_000;
/**
 * A projected threshold already overdue when armed means the events are being caught up (a restart,
 * consumer lag): the ticket's next events, already on the topic, may pause or stop the clock. Its
 * emission waits this long for them; a threshold the history itself reached is emitted at once.
 */
const CATCH_UP_SETTLE_MS = 2_000;

/**
 * Warning and breach timers for the tickets of the partitions this replica owns (Kafka assigns
 * them; the in-process bus gives one process all of them). Each owned ticket has one heap entry,
 * at its earliest owed instant. When it falls due, the emission is first claimed (an insert keyed by
 * ticket and emission: once, whoever tries), then published; the claim stores the envelope, and a
 * per-partition checkpoint says up to when every claim is known published, so a takeover after a
 * crash publishes the few claims after it again, identical, and consumers drop the duplicates.
 */
export class SlaTimerService {
  private readonly heap = new DueHeap();
  private readonly tickets = new Map<string, ArmedTicket>();
  private owned = new Set<number>();
  private readonly loading = new Map<number, Promise<void>>();
  /** Owned partitions whose timers are loaded and recovered: only their checkpoints may advance. */
  private readonly loaded = new Set<number>();
  /** Claimed, not yet published: claimedAt per claim key, by partition. */
  private readonly inFlight = new Map<number, Map<string, number>>();
  /** Claims whose publish failed, retried before anything newer. */
  private unpublished: { partition: number; claimKey: string; claimedAt: number; envelope: EventEnvelope }[] = [];
  private wake: NodeJS.Timeout | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private firing: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Observed delay from due instant to publish, for metrics and the benchmark. */
  onEmitted?: (emission: DueEmission, publishedAt: number) => void;

  constructor(private readonly deps: TimerDependencies) {}

  start(): void {
    this.checkpointTimer = setInterval(() => void this.saveCheckpoints(), this.deps.settings.checkpointMs);
    this.checkpointTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wake);
    clearInterval(this.checkpointTimer);
    await this.firing;
    await this.saveCheckpoints();
  }

  get armedTickets(): number {
    return this.tickets.size;
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
    const next = new Set(assignments.filter((a) => a.topic === this.deps.ticketTopic).flatMap((a) => a.partitions));
    const revoked = [...this.owned].filter((p) => !next.has(p));
    const added = [...next].filter((p) => !this.owned.has(p));
    this.owned = next;
    if (revoked.length > 0) this.drop(new Set(revoked));
    if (added.length > 0) {
      const load = this.load(added);
      for (const p of added) this.loading.set(p, load);
    }
  };

  /** Loads and arms the partitions' open tickets, then publishes again what may not have been published. */
  async load(partitions: readonly number[]): Promise<void> {
    const started = Date.now();
    try {
      const claimed = await this.deps.firings.claimedKeys(partitions);
      let count = 0;
      for await (const row of this.deps.tickets.armingRows(partitions)) {
        if (!this.owned.has(row.partition)) continue;
        this.arm({ ...row, open: true }, claimed.get(ticketKey(row.ticketType, row.ticketId)) ?? new Set());
        count += 1;
      }
      for (const partition of partitions) {
        await this.recover(partition);
        if (this.owned.has(partition)) this.loaded.add(partition);
      }
      this.deps.logger.info({ partitions, tickets: count, ms: Date.now() - started }, 'SLA timers armed');
    } catch (error) {
      this.deps.logger.error({ err: error, partitions }, 'arming SLA timers failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const still = partitions.filter((p) => this.owned.has(p));
      if (still.length > 0 && !this.stopped) await this.load(still);
    }
  }

  /** The claimed keys of a ticket this replica may not hold in memory (first event after a takeover). */
  async claimedKeys(ticketType: TicketType, ticketId: string, known: boolean): Promise<Set<string>> {
    const key = ticketKey(ticketType, ticketId);
    const armed = this.tickets.get(key);
    if (armed !== undefined) return armed.claimed;
    return known ? this.deps.firings.claimedKeysOf(key) : new Set();
  }

  /** (Re)arms a ticket from its freshly derived clocks; only the owner of its partition holds it. */
  arm(request: ArmRequest, claimed: Set<string>): void {
    if (!this.owned.has(request.partition)) return;
    const key = ticketKey(request.ticketType, request.ticketId);
    const inFlight = this.inFlight.get(request.partition);
    const due = request.due.filter((d) => !claimed.has(d.key) && !inFlight?.has(`${key}\u0000${d.key}`));
    if (!request.open && due.length === 0) {
      this.tickets.delete(key);
      return;
    }
    const now = this.deps.clock.now().getTime();
    const ticket: ArmedTicket = {
      notBefore: due.some((d) => d.projected && d.dueAt < now) ? now + CATCH_UP_SETTLE_MS : 0,
      key,
      ticketType: request.ticketType,
      ticketId: request.ticketId,
      number: request.number,
      partition: request.partition,
      open: request.open,
      due,
      clocks: new Map(request.clocks.map((c) => [c.clockId, clockMeta(c)])),
      claimed,
      // The heap entry of the ticket it replaces still stands for that instant: reuse it.
      queuedAt: this.tickets.get(key)?.queuedAt ?? null,
    };
    this.tickets.set(key, ticket);
    this.queue(ticket);
  }

  private queue(ticket: ArmedTicket): void {
    const first = ticket.due[0]?.dueAt;
    const next = first === undefined ? null : Math.max(first, ticket.notBefore);
    if (next === null || next === ticket.queuedAt) return;
    ticket.queuedAt = next;
    this.heap.push(next, ticket.key);
    if (this.heap.peek() === next) this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.firing !== null) {
      this.again = true;
      return;
    }
    clearTimeout(this.wake);
    const next = this.heap.peek();
    if (next === undefined && this.unpublished.length === 0) return;
    const delay = this.unpublished.length > 0 ? 1_000 : Math.min(Math.max(0, (next as number) - this.deps.clock.now().getTime()), MAX_SLEEP_MS);
    this.wake = setTimeout(() => this.fireDue(), delay);
  }

  private fireDue(): void {
    if (this.firing !== null) return;
    this.firing = this.fireLoop().finally(() => {
      this.firing = null;
      this.again = false;
      this.schedule();
    });
  }

  private async fireLoop(): Promise<void> {
    try {
      if (this.unpublished.length > 0) await this.republish();
      for (;;) {
        const now = this.deps.clock.now().getTime();
        const batch: ArmedTicket[] = [];
        while (batch.length < this.deps.settings.fireBatchSize && (this.heap.peek() ?? Infinity) <= now) {
          const entry = this.heap.pop() as { dueAt: number; key: string };
          const ticket = this.tickets.get(entry.key);
          if (ticket === undefined || ticket.queuedAt !== entry.dueAt || !this.owned.has(ticket.partition)) continue;
          ticket.queuedAt = null;
          batch.push(ticket);
        }
        if (batch.length === 0) return;
        await this.fireBatch(batch, now);
      }
    } catch (error) {
      this.deps.logger.error({ err: error }, 'SLA timer batch failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  /** Claims every owed emission that is due in the batch, publishes the claimed ones, re-queues the rest. */
  private async fireBatch(batch: readonly ArmedTicket[], now: number): Promise<void> {
    const firedAt = new Date(now);
    const claims: (Firing & { ticket: ArmedTicket; emission: DueEmission })[] = [];
    for (const ticket of batch) {
      // Claims are added to `claimed` as soon as they are inserted, before publishing: its size numbers the next event.
      let sequence = ticket.claimed.size;
      while (ticket.due.length > 0 && (ticket.due[0] as DueEmission).dueAt <= now) {
        const emission = ticket.due.shift() as DueEmission;
        const clock = ticket.clocks.get(emission.clockId);
        if (clock === undefined) continue;
        sequence += 1;
        const envelope = emissionEnvelope(ticket, clock, emission, sequence, firedAt);
        claims.push({ ticketKey: ticket.key, key: emission.key, partition: ticket.partition, claimedAt: firedAt, envelope, ticket, emission });
        this.trackInFlight(ticket.partition, `${ticket.key}\u0000${emission.key}`, now);
      }
    }
    let claimed: Set<string>;
    try {
      claimed = await this.deps.firings.claim(claims.map(({ ticketKey: t, key, partition, claimedAt, envelope }) => ({ ticketKey: t, key, partition, claimedAt, envelope })));
    } catch (error) {
      // Nothing was claimed for sure: owe them again (a claim that did land answers duplicate next time).
      for (const c of claims) {
        this.untrackInFlight(c.partition, `${c.ticketKey}\u0000${c.key}`);
        c.ticket.due.unshift(c.emission);
      }
      for (const ticket of batch) {
        ticket.due.sort((a, b) => a.dueAt - b.dueAt);
        this.queue(ticket);
      }
      throw error;
    }
    const toPublish: typeof claims = [];
    for (const c of claims) {
      c.ticket.claimed.add(c.key);
      const claimKey = `${c.ticketKey}\u0000${c.key}`;
      if (claimed.has(claimKey)) toPublish.push(c);
      else this.untrackInFlight(c.partition, claimKey); // claimed before (another replica, or before a restart)
    }
    await this.publishClaims(toPublish.map((c) => ({ partition: c.partition, claimKey: `${c.ticketKey}\u0000${c.key}`, claimedAt: now, envelope: c.envelope, emission: c.emission })));
    for (const ticket of batch) {
      // The ticket may have been re-armed (a newer object) while the claim was in flight.
      if (this.tickets.get(ticket.key) !== ticket) continue;
      if (!ticket.open && ticket.due.length === 0) this.tickets.delete(ticket.key);
      else this.queue(ticket);
    }
  }

  private async publishClaims(items: readonly { partition: number; claimKey: string; claimedAt: number; envelope: EventEnvelope; emission?: DueEmission }[]): Promise<void> {
    if (items.length === 0) return;
    try {
      await this.deps.publish(items.map((i) => i.envelope));
    } catch (error) {
      this.deps.logger.warn({ err: error, count: items.length }, 'publishing SLA events failed; retrying');
      this.unpublished.push(...items.map(({ partition, claimKey, claimedAt, envelope }) => ({ partition, claimKey, claimedAt, envelope })));
      return;
    }
    const publishedAt = this.deps.clock.now().getTime();
    for (const item of items) {
      this.untrackInFlight(item.partition, item.claimKey);
      if (item.emission) this.onEmitted?.(item.emission, publishedAt);
    }
  }

  private async republish(): Promise<void> {
    const items = this.unpublished.filter((u) => this.owned.has(u.partition));
    this.unpublished = [];
    await this.publishClaims(items);
  }

  /** After a takeover: claims made after the partition's checkpoint may never have been published. */
  private async recover(partition: number): Promise<void> {
    const through = await this.deps.firings.publishedThrough(partition);
    const claims = await this.deps.firings.claimedSince(partition, new Date(through.getTime() - RECOVERY_MARGIN_MS));
    if (claims.length > 0) {
      await this.deps.publish(claims.map((c) => c.envelope));
      this.deps.logger.info({ partition, count: claims.length }, 'SLA events after the checkpoint published again');
    }
  }

  /** Per loaded partition: every claim before the oldest unpublished one is published. */
  private async saveCheckpoints(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    try {
      for (const partition of this.owned) {
        if (!this.loaded.has(partition)) continue;
        let oldest = now;
        for (const claimedAt of this.inFlight.get(partition)?.values() ?? []) oldest = Math.min(oldest, claimedAt);
        for (const u of this.unpublished) if (u.partition === partition) oldest = Math.min(oldest, u.claimedAt);
        await this.deps.firings.setPublishedThrough(partition, new Date(oldest - 1));
      }
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'saving SLA publish checkpoints failed; retrying');
    }
  }

  private drop(revoked: ReadonlySet<number>): void {
    for (const [key, ticket] of this.tickets) if (revoked.has(ticket.partition)) this.tickets.delete(key);
    for (const p of revoked) {
      this.loading.delete(p);
      this.loaded.delete(p);
      this.inFlight.delete(p);
    }
    this.unpublished = this.unpublished.filter((u) => !revoked.has(u.partition));
  }

  private trackInFlight(partition: number, claimKey: string, at: number): void {
    let map = this.inFlight.get(partition);
    if (map === undefined) this.inFlight.set(partition, (map = new Map()));
    map.set(claimKey, at);
  }

  private untrackInFlight(partition: number, claimKey: string): void {
    this.inFlight.get(partition)?.delete(claimKey);
  }
}
