import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { GroupMembersHandler, GroupMembersQuery } from '../application/queries';
import { directoryErrorFilter } from './directory-error.filter';
import { AssignmentGroupMembersRefGql } from './directory-federation.types';
import { toPersonGql } from './directory-graphql.mapper';
import type { PersonGql } from './directory.types';
import { DIRECTORY_EVERYONE } from './read-role-sets';

/**
 * Adds `members` to the incident service's AssignmentGroup (federation): the people of the
 * directory group of the same id, as the viewer may see them (a supplier agent: none of another
 * organisation's group).
 */
@Resolver(() => AssignmentGroupMembersRefGql)
@UseFilters(directoryErrorFilter)
export class AssignmentGroupMembersResolver {
  constructor(private readonly membersOf: GroupMembersHandler) {}

  @ResolveReference()
  @Roles(...DIRECTORY_EVERYONE)
  resolveReference(reference: { id: string }): AssignmentGroupMembersRefGql {
    return { id: reference.id };
  }

  @ResolveField()
  @Roles(...DIRECTORY_EVERYONE)
  async members(@Parent() group: AssignmentGroupMembersRefGql, @CurrentPrincipal() viewer: Principal): Promise<PersonGql[]> {
    return (await this.membersOf.execute(new GroupMembersQuery(viewer, group.id))).map(toPersonGql);
  }
}
