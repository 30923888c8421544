import type { EventEnvelope } from '@itsm/contracts';
import type { Clock } from '@itsm/platform/config';
import type { PartitionAssignment } from '@itsm/platform/messaging';
import type { ArmRequest as WheelArmRequest, Timers, WheelLogger } from '@itsm/platform/scheduling';
import { PartitionTimerWheel, PeriodicJob } from '@itsm/platform/scheduling';
import type { ClockMeta, DueEmission, TicketType } from '../../domain';
import { clockMeta } from '../../domain';
import type { ArmingRow, SlaFiringRepository, SlaTicketRepository } from '../../persistence';
import { parseTicketKey, ticketKey } from '../../persistence';
import type { SlaTimers } from '../sla-timers.port';
import type { SlaSettings } from '../sla.tokens';
import type { ArmRequest, TimedEmission } from './armed-ticket';
import type { PruneOutcome } from './prune-settled-firings';
import { pruneSettledFirings } from './prune-settled-firings';
import { emissionEnvelope } from './sla-emission';
import { SLA_TIMER_PARTITIONS } from './timer-partitions';

export interface TimerDependencies {
  readonly tickets: Pick<SlaTicketRepository, 'armingRows' | 'recordClaimed' | 'closedUnsettled' | 'markSettled'>;
  readonly firings: SlaFiringRepository;
  /** Publishes on `itsm.sla.v1`, in order. */
  readonly publish: (envelopes: readonly EventEnvelope[]) => Promise<void>;
  readonly clock: Clock;
  readonly settings: SlaSettings;
  readonly logger: WheelLogger;
  /**
   * The wheel's topic: the incident topic. The partitions of every ticket topic the group consumes
   * are numbered in its space (SLA_TIMER_PARTITIONS), so their ownership decides which tickets' timers
   * this replica runs.
   */
  readonly ticketTopic: string;
  /** Injected in tests; Node's timers otherwise. */
  readonly timers?: Timers;
}

export type EmittedListener = (emission: DueEmission, publishedAt: number, ticketKey: string) => void;

/**
 * A projected threshold already overdue when armed means the events are being caught up (a restart,
 * consumer lag): the ticket's next events, already on the topic, may pause or stop the clock. Its
 * emission waits this long for them; a threshold the history itself reached is emitted at once.
 */
const CATCH_UP_SETTLE_MS = 2_000;
/** Closed tickets' firings are pruned every this many publish checkpoints (at least every 10 s). */
const PRUNE_EVERY_CHECKPOINTS = 30;

/**
 * Warning and breach timers for the tickets of the partitions this replica owns: a partition timer
 * wheel keyed by ticket whose items are the clocks' due emissions, fired as `itsm.sla.v1` events
 * (claimed once, published, checkpointed: see PartitionTimerWheel). Per armed ticket the wheel holds
 * its key, its number and its owed instants; the emissions and clock metas are interned (shared by
 * every ticket of the same definitions). The firings of closed tickets are pruned once they are
 * behind the checkpoint window.
 */
export class SlaTimerService implements SlaTimers {
  private readonly wheel: PartitionTimerWheel<string, TimedEmission>;
  /** Clock metas interned by content, numbered for the emissions' identities. */
  private readonly metas = new Map<string, { readonly id: number; readonly meta: ClockMeta }>();
  private readonly metaIds = new Map<ClockMeta, number>();
  private readonly pruning: PeriodicJob;
  private emitted: EmittedListener | undefined;

  constructor(private readonly deps: TimerDependencies) {
    this.wheel = new PartitionTimerWheel<string, TimedEmission>({
      name: 'SLA',
      topic: deps.ticketTopic,
      claims: deps.firings,
      stored: (partitions) => this.storedTickets(deps.tickets.armingRows(partitions)),
      envelope: (ticket, emission, sequence, firedAt) => {
        const { ticketType, ticketId } = parseTicketKey(ticket.key);
        return emissionEnvelope({ key: ticket.key, ticketType, ticketId, number: ticket.data }, emission.clock, emission, sequence, firedAt);
      },
      publish: deps.publish,
      // Claimed emissions recorded on the tickets: a re-arm reads the open tickets, not every firing.
      recordClaims: (claims) => deps.tickets.recordClaimed(claims),
      notBefore: (owed, now) => (owed.some((d) => d.projected && d.dueAt < now) ? now + CATCH_UP_SETTLE_MS : 0),
      itemIdentity: (e) => `${e.key}\u0000${e.clockId}\u0000${e.percent}\u0000${e.projected ? 1 : 0}\u0000${this.metaIds.get(e.clock) ?? -1}`,
      clock: deps.clock,
      ...(deps.timers ? { timers: deps.timers } : {}),
      logger: deps.logger,
      checkpointMs: deps.settings.checkpointMs,
      batchSize: deps.settings.fireBatchSize,
    });
    this.pruning = new PeriodicJob({
      name: 'SLA firing pruning',
      everyMs: Math.max(10_000, deps.settings.checkpointMs * PRUNE_EVERY_CHECKPOINTS),
      run: async () => {
        await this.prune();
      },
      logger: deps.logger,
      ...(deps.timers ? { timers: deps.timers } : {}),
    });
  }

  /** Observed delay from due instant to publish, for metrics and the benchmark: the emission, when, its ticket key. */
  get onEmitted(): EmittedListener | undefined {
    return this.emitted;
  }

  set onEmitted(listener: EmittedListener | undefined) {
    this.emitted = listener;
    this.wheel.onFired = listener;
  }

  start(): void {
    this.wheel.start();
    this.pruning.start();
  }

  async stop(): Promise<void> {
    await this.pruning.stop();
    await this.wheel.stop();
  }

  get armedTickets(): number {
    return this.wheel.armedKeys;
  }

  ownedPartitions(): number[] {
    return this.wheel.ownedPartitions();
  }

  owns(partition: number): boolean {
    return this.wheel.owns(partition);
  }

  /** Resolves once the partition's timers are loaded (event handling waits for it). */
  whenReady(partition: number): Promise<void> {
    return this.wheel.whenReady(partition);
  }

  /** Follows the consumer group (every ticket topic's partitions): loads newly owned partitions, keeps those a rebalance gives back. */
  onAssignment = (assignments: readonly PartitionAssignment[]): void => this.wheel.onAssignment(SLA_TIMER_PARTITIONS.assignments(assignments, this.deps.ticketTopic));

  /** Loads and arms the partitions' open tickets, then publishes again what may not have been published. */
  load(partitions: readonly number[]): Promise<void> {
    return this.wheel.load(partitions);
  }

  /** The claimed keys of a ticket this replica may not hold in memory (first event after a takeover). */
  claimedKeys(ticketType: TicketType, ticketId: string, known: boolean): Promise<Set<string>> {
    return this.wheel.claimedKeys(ticketKey(ticketType, ticketId), known);
  }

  /** (Re)arms a ticket from its freshly derived clocks; only the owner of its partition holds it. */
  arm(request: ArmRequest, claimed: Set<string>): void {
    this.wheel.arm(this.wheelRequest(request), claimed);
  }

  /** Prunes the firings of closed tickets behind the checkpoint window, in every loaded partition. */
  async prune(): Promise<PruneOutcome> {
    let settled = 0;
    let deletedFirings = 0;
    for (const partition of this.wheel.loadedPartitions()) {
      const outcome = await pruneSettledFirings(this.deps, partition, this.wheel.recoveryMarginMs, (key) => this.wheel.holds(key));
      settled += outcome.settled;
      deletedFirings += outcome.deletedFirings;
    }
    if (settled > 0) this.deps.logger.info({ settled, deletedFirings }, 'SLA firings of closed tickets pruned');
    return { settled, deletedFirings };
  }

  private wheelRequest(request: ArmRequest): WheelArmRequest<string, TimedEmission> {
    const clocks = new Map<string, ClockMeta>();
    for (const c of request.clocks) clocks.set(c.clockId, this.intern(c));
    const due: TimedEmission[] = [];
    for (const d of request.due) {
      const clock = clocks.get(d.clockId);
      // An emission of a clock the ticket does not have is dropped (it cannot say what it is about).
      if (clock !== undefined) due.push({ key: d.key, clockId: clock.clockId, percent: d.percent, dueAt: d.dueAt, projected: d.projected, clock });
    }
    return { key: ticketKey(request.ticketType, request.ticketId), partition: request.partition, open: request.open, due, data: request.number };
  }

  private intern(clock: ClockMeta): ClockMeta {
    const meta = clockMeta(clock);
    const content = JSON.stringify(meta);
    let entry = this.metas.get(content);
    if (entry === undefined) {
      entry = { id: this.metas.size, meta };
      this.metas.set(content, entry);
      this.metaIds.set(meta, entry.id);
    }
    return entry.meta;
  }

  private async *storedTickets(rows: AsyncIterable<ArmingRow>): AsyncGenerator<WheelArmRequest<string, TimedEmission>> {
    for await (const row of rows) {
      const request = this.wheelRequest({ ...row, open: true });
      yield row.claimed === undefined ? request : { ...request, claimed: row.claimed };
    }
  }
}
