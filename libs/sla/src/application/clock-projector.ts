import { Clock } from '@itsm/platform/config';
import { retryOnConflict } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { ClockInputs, SlaClock, SlaDefinition, TicketTimeline, TicketZones } from '../domain';
import { deriveClocks, dueEmissions, FINAL_TICKET_STATES, SlaError, SlaErrorCode, unwrittenLifecycle, vanishedClocks } from '../domain';
import type { SlaTicket } from '../persistence';
import { SlaTicketStore, SlaTimeZoneStore } from '../persistence';
import { lifecycleEnvelopes } from './lifecycle/lifecycle-envelopes';
import { SlaPolicySet } from './sla-policy-set';
import { SLA_TIMERS } from './sla-timers.port';
import type { SlaTimers } from './sla-timers.port';

/**
 * Derives a ticket's clocks from its history with the policies in force, stores them with what
 * they owe, and hands the owed emissions to the timers. Every writer of clocks (a ticket event, a
 * policy change, a repair) goes through here, so they all agree.
 */
@Injectable()
export class ClockProjector {
  constructor(
    @Inject(SlaTicketStore) private readonly tickets: SlaTicketStore,
    @Inject(SlaTimeZoneStore) private readonly timeZones: SlaTimeZoneStore,
    @Inject(SlaPolicySet) private readonly policySet: SlaPolicySet,
    @Inject(SLA_TIMERS) private readonly timers: SlaTimers,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The clocks at `asOf` (live reads pass now; stored projections pass the last event's time). */
  async derive(timeline: TicketTimeline, asOf: number, proposal?: Pick<ClockInputs, 'definitions' | 'calendarFor'>): Promise<SlaClock[]> {
    const definitions = proposal?.definitions ?? this.policySet.activeDefinitions();
    const calendarFor = proposal?.calendarFor ?? this.policySet.calendarFor;
    return deriveClocks(timeline, { definitions, calendarFor, zones: await this.zonesOf(timeline, definitions) }, asOf);
  }

  /**
   * Stores the ticket's clocks as of its last event, with the lifecycle events they owe that were
   * not written before in its outbox (the same write), and arms its timers; answers the saved
   * ticket. `stored` is the ticket as read (absent: a new one): a live clock of it the policies in
   * force no longer derive is cancelled. A settled ticket (closed, its firings pruned) owes nothing
   * more while it stays closed.
   */
  async project(timeline: TicketTimeline, partition: number, lastSequence: number, stored?: Pick<SlaTicket, 'version' | 'settled' | 'lifecycle' | 'clocks'>): Promise<SlaTicket> {
    const version = stored?.version ?? 0;
    const last = timeline.facts[timeline.facts.length - 1];
    const asOf = last?.at ?? 0;
    const clocks = await this.derive(timeline, asOf);
    const open = last !== undefined && !FINAL_TICKET_STATES[timeline.ticketType].includes(last.state);
    const stillSettled = stored?.settled === true && !open;
    const due = stillSettled ? [] : dueEmissions(clocks, new Set());
    const written = stored?.lifecycle ?? [];
    const now = this.clock.now();
    const previous = stored?.clocks ?? [];
    const owed = stillSettled ? [] : [...unwrittenLifecycle(clocks, new Set(written)), ...vanishedClocks(previous, clocks, new Set(written), now.getTime())];
    const events = lifecycleEnvelopes(timeline, [...clocks, ...previous], owed, written.length, now);
    const lifecycle = [...written, ...owed.map((e) => e.key)];
    const ticket: SlaTicket = { timeline, partition, lastSequence, open, clocks, due, settled: stillSettled, lifecycle, version };
    const saved = { ...ticket, version: await this.tickets.save(ticket, events) };
    const claimed = await this.timers.claimedKeys(timeline.ticketType, timeline.ticketId, version > 0);
    this.timers.arm({ ticketType: timeline.ticketType, ticketId: timeline.ticketId, number: timeline.number, partition, open, clocks, due }, claimed);
    return saved;
  }

  /**
   * Derives a stored ticket's clocks again from its unchanged history (the history is never
   * rewritten); a concurrent writer makes it read the ticket again and retry.
   */
  reproject(ticket: SlaTicket): Promise<SlaTicket> {
    let current: SlaTicket | undefined = ticket;
    return retryOnConflict(
      async () => {
        current ??= await this.tickets.find(ticket.timeline.ticketType, ticket.timeline.ticketId);
        const fresh = current;
        current = undefined;
        if (fresh === undefined) throw new SlaError(SlaErrorCode.NotFound, `No SLA clocks for ${ticket.timeline.ticketId}`);
        return this.project(fresh.timeline, fresh.partition, fresh.lastSequence, fresh);
      },
      () => new SlaError(SlaErrorCode.Conflict, `SLA clocks of ${ticket.timeline.ticketId} are being changed concurrently`),
    );
  }

  private async zonesOf(timeline: TicketTimeline, definitions: readonly SlaDefinition[]): Promise<TicketZones> {
    const caller = definitions.some((d) => d.timeZoneSource === 'caller') ? await this.timeZones.timeZoneOf('user', timeline.callerId) : null;
    let configurationItem: string | null = null;
    if (definitions.some((d) => d.timeZoneSource === 'configuration_item')) {
      for (const ci of timeline.configurationItemIds) {
        configurationItem = await this.timeZones.timeZoneOf('configuration_item', ci);
        if (configurationItem !== null) break;
      }
    }
    return { caller, configurationItem };
  }
}
