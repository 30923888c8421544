import type { EventEnvelope } from '@itsm/contracts';
import type { Clock } from '@itsm/platform/config';
import type { PartitionAssignment } from '@itsm/platform/messaging';
import type { ArmRequest as WheelArmRequest, Timers, WheelLogger } from '@itsm/platform/scheduling';
import { PartitionTimerWheel } from '@itsm/platform/scheduling';
import type { DueEmission, TicketType } from '../../domain';
import type { ArmingRow, SlaFiringRepository, SlaTicketRepository } from '../../persistence';
import { ticketKey } from '../../persistence';
import type { SlaTimers } from '../sla-timers.port';
import type { SlaSettings } from '../sla.tokens';
import type { ArmedTicket, ArmRequest } from './armed-ticket';
import { clockMeta } from './armed-ticket';
import { emissionEnvelope } from './sla-emission';

export interface TimerDependencies {
  readonly tickets: Pick<SlaTicketRepository, 'armingRows'>;
  readonly firings: SlaFiringRepository;
  /** Publishes on `itsm.sla.v1`, in order. */
  readonly publish: (envelopes: readonly EventEnvelope[]) => Promise<void>;
  readonly clock: Clock;
  readonly settings: SlaSettings;
  readonly logger: WheelLogger;
  /** The topic whose partition ownership decides which tickets' timers this replica runs. */
  readonly ticketTopic: string;
  /** Injected in tests; Node's timers otherwise. */
  readonly timers?: Timers;
}

/**
 * A projected threshold already overdue when armed means the events are being caught up (a restart,
 * consumer lag): the ticket's next events, already on the topic, may pause or stop the clock. Its
 * emission waits this long for them; a threshold the history itself reached is emitted at once.
 */
const CATCH_UP_SETTLE_MS = 2_000;

/**
 * Warning and breach timers for the tickets of the partitions this replica owns: a partition timer
 * wheel keyed by ticket whose items are the clocks' due emissions, fired as `itsm.sla.v1` events
 * (claimed once, published, checkpointed: see PartitionTimerWheel).
 */
export class SlaTimerService implements SlaTimers {
  private readonly wheel: PartitionTimerWheel<ArmedTicket, DueEmission>;

  constructor(deps: TimerDependencies) {
    this.wheel = new PartitionTimerWheel<ArmedTicket, DueEmission>({
      name: 'SLA',
      topic: deps.ticketTopic,
      claims: deps.firings,
      stored: (partitions) => storedTickets(deps.tickets.armingRows(partitions)),
      envelope: (ticket, emission, sequence, firedAt) => {
        const clock = ticket.data.clocks.get(emission.clockId);
        if (clock === undefined) return undefined;
        const { ticketType, ticketId, number } = ticket.data;
        return emissionEnvelope({ key: ticket.key, ticketType, ticketId, number }, clock, emission, sequence, firedAt);
      },
      publish: deps.publish,
      notBefore: (owed, now) => (owed.some((d) => d.projected && d.dueAt < now) ? now + CATCH_UP_SETTLE_MS : 0),
      clock: deps.clock,
      ...(deps.timers ? { timers: deps.timers } : {}),
      logger: deps.logger,
      checkpointMs: deps.settings.checkpointMs,
      batchSize: deps.settings.fireBatchSize,
    });
  }

  /** Observed delay from due instant to publish, for metrics and the benchmark. */
  get onEmitted(): ((emission: DueEmission, publishedAt: number) => void) | undefined {
    return this.wheel.onFired;
  }

  set onEmitted(listener: ((emission: DueEmission, publishedAt: number) => void) | undefined) {
    this.wheel.onFired = listener;
  }

  start(): void {
    this.wheel.start();
  }

  stop(): Promise<void> {
    return this.wheel.stop();
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

  /** Follows the consumer group: drops revoked partitions' timers, loads newly owned ones. */
  onAssignment = (assignments: readonly PartitionAssignment[]): void => this.wheel.onAssignment(assignments);

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
    this.wheel.arm(wheelRequest(request), claimed);
  }
}

function wheelRequest(request: ArmRequest): WheelArmRequest<ArmedTicket, DueEmission> {
  const { ticketType, ticketId, number } = request;
  return {
    key: ticketKey(ticketType, ticketId),
    partition: request.partition,
    open: request.open,
    due: request.due,
    data: { ticketType, ticketId, number, clocks: new Map(request.clocks.map((c) => [c.clockId, clockMeta(c)])) },
  };
}

async function* storedTickets(rows: AsyncIterable<ArmingRow>): AsyncGenerator<WheelArmRequest<ArmedTicket, DueEmission>> {
  for await (const row of rows) yield wheelRequest({ ...row, open: true });
}
