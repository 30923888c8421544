import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { FindChangeHandler, FindChangeQuery } from '../application/queries';
import { IncidentCauseHandler } from '../application/queries/incident-cause/incident-cause.handler';
import { IncidentCauseQuery } from '../application/queries/incident-cause/incident-cause.query';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_READERS } from './change-role-sets';
import { IncidentCauseRefGql } from './change-federation.types';
import { toChangeGql } from './change-graphql.mapper';
import { ChangeGql } from './change.types';

/** `Incident.causedByChange`: the change an incident is linked to as its cause, when the caller may see it. */
@Resolver(() => IncidentCauseRefGql)
@UseFilters(changeErrorFilter)
export class IncidentCauseResolver {
  constructor(
    private readonly cause: IncidentCauseHandler,
    private readonly findChange: FindChangeHandler,
  ) {}

  @ResolveField(() => ChangeGql, { nullable: true })
  @Roles(...CHANGE_READERS)
  async causedByChange(@Parent() incident: { id: string }, @CurrentPrincipal() viewer: Principal): Promise<ChangeGql | null> {
    const changeId = await this.cause.execute(new IncidentCauseQuery(incident.id));
    if (changeId === null) return null;
    const change = await this.findChange.execute(viewer, new FindChangeQuery({ id: changeId }));
    return change === undefined ? null : toChangeGql(change);
  }
}
