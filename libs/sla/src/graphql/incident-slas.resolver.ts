import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { TicketClocksHandler } from '../application/queries/ticket-clocks/ticket-clocks.handler';
import { toClockGql } from './sla-graphql.mapper';
import { slaErrorFilter } from './sla-error.filter';
import { EVERYONE } from './role-sets';
import { IncidentRefGql, SlaClockGql } from './sla.types';

/** Adds `slas` to the incident service's Incident (federation): its clocks, live, as the caller may see them. */
@Resolver(() => IncidentRefGql)
@UseFilters(slaErrorFilter)
export class IncidentSlasResolver {
  constructor(private readonly clocks: TicketClocksHandler) {}

  @ResolveReference()
  @Roles(...EVERYONE)
  resolveReference(reference: { id: string }): IncidentRefGql {
    return { id: reference.id };
  }

  @ResolveField(() => [SlaClockGql], { description: 'SLA, OLA and UC clocks of this incident with live elapsed and remaining business time' })
  @Roles(...EVERYONE)
  async slas(@Parent() incident: IncidentRefGql, @CurrentPrincipal() viewer: Principal): Promise<SlaClockGql[]> {
    return (await this.clocks.execute({ viewer, ticketType: 'incident', ticketId: incident.id })).map(toClockGql);
  }
}
