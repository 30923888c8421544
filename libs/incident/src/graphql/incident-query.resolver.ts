import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Parent, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { FindIncidentQuery } from '../application/queries/find-incident/find-incident.query';
import { FindIncidentHandler } from '../application/queries/find-incident/find-incident.handler';
import { FindIncidentsQuery } from '../application/queries/find-incidents/find-incidents.query';
import { FindIncidentsHandler, MAX_PAGE_SIZE } from '../application/queries/find-incidents/find-incidents.handler';
import { IncidentError, IncidentErrorCode } from '../domain';
import { sequenceCursor, sequencePage, toIncidentGql } from './incident-graphql.mapper';
import { incidentErrorFilter } from './incident-error.filter';
import { EVERYONE } from './role-sets';
import { IncidentFilter } from './incident.inputs';
import { IncidentConnectionGql, IncidentGql } from './incident.types';

/** Reading incidents: one, a page of them, and the federation reference (the Incident entity's one resolver). */
@Resolver(() => IncidentGql)
@UseFilters(incidentErrorFilter)
export class IncidentQueryResolver {
  constructor(
    private readonly findIncident: FindIncidentHandler,
    private readonly findIncidents: FindIncidentsHandler,
  ) {}

  @Query(() => IncidentGql, { description: 'One incident by id or by number (exactly one of them)' })
  @Roles(...EVERYONE)
  async incident(
    @CurrentPrincipal() viewer: Principal,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('number', { nullable: true }) number?: string,
  ): Promise<IncidentGql> {
    if ((id === undefined) === (number === undefined)) {
      throw new IncidentError(IncidentErrorCode.InvalidInput, 'give either id or number', { field: 'id' });
    }
    return toIncidentGql(await this.findIncident.execute(viewer, id !== undefined ? FindIncidentQuery.byId(id) : FindIncidentQuery.byNumber(number ?? '')));
  }

  @Query(() => IncidentConnectionGql, { description: 'Incidents the caller may see, newest first, with cursor pagination' })
  @Roles(...EVERYONE)
  async incidents(
    @CurrentPrincipal() viewer: Principal,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('filter', { nullable: true }) filter?: IncidentFilter,
  ): Promise<ConnectionOf<IncidentGql>> {
    const request = sequencePage('inc', { first, after }, MAX_PAGE_SIZE);
    const page = await this.findIncidents.execute(viewer, new FindIncidentsQuery(filter ?? {}, request.first, request.after));
    return toConnection(page, (incident) => sequenceCursor('inc', incident.number), toIncidentGql);
  }

  @ResolveReference()
  @Roles(...EVERYONE)
  async resolveReference(@Parent() reference: { id: string }, @CurrentPrincipal() viewer: Principal): Promise<IncidentGql> {
    return toIncidentGql(await this.findIncident.execute(viewer, FindIncidentQuery.byId(reference.id)));
  }
}
