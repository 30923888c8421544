import { Inject, Injectable } from '@nestjs/common';
import type { ClockInputs, SlaClock, SlaDefinition, TicketTimeline, TicketZones } from '../domain';
import { deriveClocks, dueEmissions } from '../domain';
import type { SlaTicket } from '../persistence';
import { SlaCatalogRepository, SlaTicketRepository } from '../persistence';
import { SlaCatalog } from './sla-catalog';
import { SLA_TIMERS } from './sla-timer.token';
import type { SlaTimerService } from './timers/sla-timer.service';

const FINAL_STATES = new Set(['closed', 'canceled']);

/**
 * Derives a ticket's clocks from its history with the catalogue in force, stores them with what
 * they owe, and hands the owed emissions to the timers. Every writer of clocks (a ticket event, a
 * catalogue change, a repair) goes through here, so they all agree.
 */
@Injectable()
export class ClockProjector {
  constructor(
    @Inject(SlaTicketRepository) private readonly tickets: SlaTicketRepository,
    @Inject(SlaCatalogRepository) private readonly catalogRepository: SlaCatalogRepository,
    @Inject(SlaCatalog) private readonly catalog: SlaCatalog,
    @Inject(SLA_TIMERS) private readonly timers: SlaTimerService,
  ) {}

  /** The clocks at `asOf` (live reads pass now; stored projections pass the last event's time). */
  async derive(timeline: TicketTimeline, asOf: number, proposal?: Pick<ClockInputs, 'definitions' | 'calendarFor'>): Promise<SlaClock[]> {
    const definitions = proposal?.definitions ?? this.catalog.activeDefinitions();
    const calendarFor = proposal?.calendarFor ?? this.catalog.calendarFor;
    return deriveClocks(timeline, { definitions, calendarFor, zones: await this.zonesOf(timeline, definitions) }, asOf);
  }

  /** Stores the ticket's clocks as of its last event and arms its timers; answers the saved ticket. */
  async project(timeline: TicketTimeline, partition: number, lastSequence: number, version: number): Promise<SlaTicket> {
    const last = timeline.facts[timeline.facts.length - 1];
    const asOf = last?.at ?? 0;
    const clocks = await this.derive(timeline, asOf);
    const due = dueEmissions(clocks, new Set());
    const open = last !== undefined && !FINAL_STATES.has(last.state);
    const ticket: SlaTicket = { timeline, partition, lastSequence, open, clocks, due, version };
    const saved = { ...ticket, version: await this.tickets.save(ticket) };
    const claimed = await this.timers.claimedKeys(timeline.ticketType, timeline.ticketId, version > 0);
    this.timers.arm({ ticketType: timeline.ticketType, ticketId: timeline.ticketId, number: timeline.number, partition, open, clocks, due }, claimed);
    return saved;
  }

  private async zonesOf(timeline: TicketTimeline, definitions: readonly SlaDefinition[]): Promise<TicketZones> {
    const caller = definitions.some((d) => d.timeZoneSource === 'caller') ? await this.catalogRepository.timeZoneOf('user', timeline.callerId) : null;
    let configurationItem: string | null = null;
    if (definitions.some((d) => d.timeZoneSource === 'configuration_item')) {
      for (const ci of timeline.configurationItemIds) {
        configurationItem = await this.catalogRepository.timeZoneOf('configuration_item', ci);
        if (configurationItem !== null) break;
      }
    }
    return { caller, configurationItem };
  }
}
