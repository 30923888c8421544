import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import type { BusinessCalendarSpec, ClockChange } from '../../../domain';
import { diffClocks, validateCalendar, validateDefinition } from '../../../domain';
import { SlaTicketStore } from '../../../persistence';
import { ClockProjector } from '../../clock-projector';
import { SlaPolicySet } from '../../sla-policy-set';
import type { SlaDryRunQuery } from './sla-dry-run.query';

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

/** Derives every open ticket's clocks now and under the proposal, and compares them; writes nothing. */
@Injectable()
export class SlaDryRunHandler {
  constructor(
    @Inject(SlaTicketStore) private readonly tickets: SlaTicketStore,
    @Inject(ClockProjector) private readonly projector: ClockProjector,
    @Inject(SlaPolicySet) private readonly policies: SlaPolicySet,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ proposal, limit }: SlaDryRunQuery): Promise<DryRunResult> {
    const overrides = new Map<string, BusinessCalendarSpec>();
    if (proposal.calendar !== undefined) {
      const calendar = validateCalendar(proposal.calendar);
      overrides.set(calendar.id, calendar);
    }
    let definitions = this.policies.activeDefinitions();
    if (proposal.definition !== undefined) {
      const definition = validateDefinition(proposal.definition, (id) => overrides.has(id) || this.policies.hasCalendar(id));
      definitions = [...definitions.filter((d) => d.id !== definition.id), ...(definition.active ? [definition] : [])];
    }
    const calendarFor = (id: string, zone: string) => this.policies.calendarFor(id, zone, overrides);
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
