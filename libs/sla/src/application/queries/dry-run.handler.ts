import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@itsm/platform/config';
import type { BusinessCalendarSpec, ClockChange, SlaDefinition } from '../../domain';
import { diffClocks, validateCalendar, validateDefinition } from '../../domain';
import { SlaTicketRepository } from '../../persistence';
import { ClockProjector } from '../clock-projector';
import { SlaCatalog } from '../sla-catalog';

export interface SlaProposal {
  readonly calendar?: BusinessCalendarSpec;
  readonly definition?: SlaDefinition;
}

export interface DryRunResult {
  readonly ticketsEvaluated: number;
  readonly ticketsAffected: number;
  readonly attached: number;
  readonly detached: number;
  readonly changed: number;
  /** Clocks not breached now that would be under the proposal. */
  readonly newlyBreached: number;
  /** Clocks breached now that would not be. */
  readonly noLongerBreached: number;
  /** The first `limit` changes, by ticket. */
  readonly changes: readonly ClockChange[];
}

/** What a calendar or definition change would do to every open ticket's clocks, before it is saved. */
@Injectable()
export class DryRunHandler {
  constructor(
    @Inject(SlaTicketRepository) private readonly tickets: SlaTicketRepository,
    @Inject(ClockProjector) private readonly projector: ClockProjector,
    @Inject(SlaCatalog) private readonly catalog: SlaCatalog,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(proposal: SlaProposal, limit: number): Promise<DryRunResult> {
    const overrides = new Map<string, BusinessCalendarSpec>();
    if (proposal.calendar !== undefined) {
      const calendar = validateCalendar(proposal.calendar);
      overrides.set(calendar.id, calendar);
    }
    let definitions = this.catalog.activeDefinitions();
    if (proposal.definition !== undefined) {
      const definition = validateDefinition(proposal.definition, (id) => overrides.has(id) || this.catalog.hasCalendar(id));
      definitions = [...definitions.filter((d) => d.id !== definition.id), ...(definition.active ? [definition] : [])];
    }
    const calendarFor = (id: string, zone: string) => this.catalog.calendarFor(id, zone, overrides);
    const now = this.clock.now().getTime();
    const all: ClockChange[] = [];
    let ticketsEvaluated = 0;
    let ticketsAffected = 0;
    for await (const ticket of this.tickets.openTickets()) {
      ticketsEvaluated += 1;
      const asOf = Math.max(now, ticket.timeline.facts.at(-1)?.at ?? now);
      const before = await this.projector.derive(ticket.timeline, asOf);
      const after = await this.projector.derive(ticket.timeline, asOf, { definitions, calendarFor });
      const changes = diffClocks(ticket.timeline.ticketId, ticket.timeline.number, before, after);
      if (changes.length > 0) ticketsAffected += 1;
      all.push(...changes);
    }
    const count = (kind: ClockChange['change']) => all.filter((c) => c.change === kind).length;
    return {
      ticketsEvaluated,
      ticketsAffected,
      attached: count('attached'),
      detached: count('detached'),
      changed: count('changed'),
      newlyBreached: all.filter((c) => c.after?.hasBreached === true && c.before?.hasBreached !== true).length,
      noLongerBreached: all.filter((c) => c.before?.hasBreached === true && c.after?.hasBreached !== true).length,
      changes: all.slice(0, limit),
    };
  }
}
