import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { TicketClocksHandler } from '../application/queries/ticket-clocks/ticket-clocks.handler';
import type { TicketType } from '../domain';
import { SlaError, SlaErrorCode } from '../domain';
import { EVERYONE } from './role-sets';
import { slaErrorFilter } from './sla-error.filter';
import { toClockGql } from './sla-graphql.mapper';
import { SlaClockGql, TicketTypeGql } from './sla.types';

/**
 * The clocks of a service request, requested item or fulfilment task, live, as the caller may see
 * them (visibleClocks, the rule of the federated `slas` on the catalogue's types too: staff and
 * catalogue admins all; the person it is for and whoever ordered it for them its SLA clocks; a
 * supplier agent its organisation's UCs). Incidents' clocks are read on the Incident (`slas`).
 */
@Resolver()
@UseFilters(slaErrorFilter)
export class RequestSlasResolver {
  constructor(private readonly clocks: TicketClocksHandler) {}

  @Query(() => [SlaClockGql], { description: 'SLA, OLA and UC clocks of a request, requested item or task with live elapsed and remaining business time' })
  @Roles(...EVERYONE)
  async requestSlas(
    @Args('ticketType', { type: () => TicketTypeGql }) ticketType: TicketType,
    @Args('ticketId', { type: () => ID }) ticketId: string,
    @CurrentPrincipal() viewer: Principal,
  ): Promise<SlaClockGql[]> {
    if (ticketType === 'incident') {
      throw new SlaError(SlaErrorCode.InvalidInput, "requestSlas: an incident's clocks are read on the Incident (slas)", { field: 'ticketType', ticketType });
    }
    return (await this.clocks.execute({ viewer, ticketType, ticketId })).map(toClockGql);
  }
}
