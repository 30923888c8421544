import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { PersonBySubjectHandler, PersonBySubjectQuery } from '../application/queries';
import { directoryErrorFilter } from './directory-error.filter';
import { IncidentPeopleRefGql } from './directory-federation.types';
import { toPersonGql } from './directory-graphql.mapper';
import type { PersonGql } from './directory.types';
import { DIRECTORY_EVERYONE } from './read-role-sets';

/**
 * Adds `caller` and `assignee` to the incident service's Incident (federation): the gateway fetches
 * their ids (token subjects) from the incident subgraph and this one answers the people those
 * userNames name, as the viewer may see them (whoever may see the incident may ask).
 */
@Resolver(() => IncidentPeopleRefGql)
@UseFilters(directoryErrorFilter)
export class IncidentPeopleResolver {
  constructor(private readonly personBySubject: PersonBySubjectHandler) {}

  @ResolveReference()
  @Roles(...DIRECTORY_EVERYONE)
  resolveReference(reference: { id: string; callerId?: string; assigneeId?: string | null }): IncidentPeopleRefGql {
    return { id: reference.id, callerId: reference.callerId ?? '', assigneeId: reference.assigneeId ?? null };
  }

  @ResolveField()
  @Roles(...DIRECTORY_EVERYONE)
  async caller(@Parent() incident: IncidentPeopleRefGql, @CurrentPrincipal() viewer: Principal): Promise<PersonGql | null> {
    return this.subject(viewer, incident.callerId);
  }

  @ResolveField()
  @Roles(...DIRECTORY_EVERYONE)
  async assignee(@Parent() incident: IncidentPeopleRefGql, @CurrentPrincipal() viewer: Principal): Promise<PersonGql | null> {
    return this.subject(viewer, incident.assigneeId);
  }

  private async subject(viewer: Principal, subject: string | null): Promise<PersonGql | null> {
    if (subject === null || subject === '') return null;
    const person = await this.personBySubject.execute(new PersonBySubjectQuery(viewer, subject));
    return person === undefined ? null : toPersonGql(person);
  }
}
