import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { Inject, UseFilters } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { TicketClocksHandler } from '../application/queries/ticket-clocks/ticket-clocks.handler';
import type { TicketType } from '../domain';
import { toClockGql } from './sla-graphql.mapper';
import { slaErrorFilter } from './sla-error.filter';
import { EVERYONE } from './role-sets';
import { FulfilmentTaskRefGql, FulfilmentTaskViewRefGql, IncidentRefGql, RequestedItemRefGql, ServiceRequestRefGql, SlaClockGql } from './sla.types';
import type { TicketRefGql } from './sla.types';

/**
 * Adds `slas` to another subgraph's ticket type (federation): the ticket's clocks, live, as the
 * caller may see them (visibleClocks, the rule `requestSlas` answers by too).
 */
function ticketSlasResolver(name: string, ref: Type<TicketRefGql>, ticketType: TicketType, description: string): Type<unknown> {
  @Resolver(() => ref)
  @UseFilters(slaErrorFilter)
  class TicketSlasResolver {
    constructor(@Inject(TicketClocksHandler) private readonly clocks: TicketClocksHandler) {}

    @ResolveReference()
    @Roles(...EVERYONE)
    resolveReference(reference: TicketRefGql): TicketRefGql {
      return { id: reference.id };
    }

    @ResolveField(() => [SlaClockGql], { description })
    @Roles(...EVERYONE)
    async slas(@Parent() ticket: TicketRefGql, @CurrentPrincipal() viewer: Principal): Promise<SlaClockGql[]> {
      return (await this.clocks.execute({ viewer, ticketType, ticketId: ticket.id })).map(toClockGql);
    }
  }
  Object.defineProperty(TicketSlasResolver, 'name', { value: name });
  return TicketSlasResolver;
}

/** `Incident.slas` (the incident service's Incident). */
export const IncidentSlasResolver = ticketSlasResolver('IncidentSlasResolver', IncidentRefGql, 'incident', 'SLA, OLA and UC clocks of this incident with live elapsed and remaining business time');
/** `ServiceRequest.slas`, `RequestedItem.slas`, `FulfilmentTask.slas` and `FulfilmentTaskView.slas` (the catalogue's request types). */
export const ServiceRequestSlasResolver = ticketSlasResolver('ServiceRequestSlasResolver', ServiceRequestRefGql, 'request', 'SLA clocks of this request with live elapsed and remaining business time');
export const RequestedItemSlasResolver = ticketSlasResolver('RequestedItemSlasResolver', RequestedItemRefGql, 'requested_item', 'SLA and OLA clocks of this requested item with live elapsed and remaining business time');
export const FulfilmentTaskSlasResolver = ticketSlasResolver('FulfilmentTaskSlasResolver', FulfilmentTaskRefGql, 'task', 'SLA, OLA and UC clocks of this fulfilment task with live elapsed and remaining business time');
export const FulfilmentTaskViewSlasResolver = ticketSlasResolver('FulfilmentTaskViewSlasResolver', FulfilmentTaskViewRefGql, 'task', 'SLA, OLA and UC clocks of this fulfilment task with live elapsed and remaining business time');
