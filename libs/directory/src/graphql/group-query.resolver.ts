import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GroupHandler, GroupMembersHandler, GroupMembersQuery, GroupQuery, GroupsHandler, GroupsQuery } from '../application/queries';
import { directoryErrorFilter } from './directory-error.filter';
import { directoryConnection, GROUP_PAGES, pageArgs } from './directory-pages';
import { GroupConnectionGql, GroupFilterInput } from './directory-read.inputs';
import { toGroupGql, toPersonGql } from './directory-graphql.mapper';
import { GroupGql, PersonGql } from './directory.types';
import { DIRECTORY_WORKERS } from './read-role-sets';

/** Reading groups: a page of them, one by id, and a group's members. */
@Resolver(() => GroupGql)
@UseFilters(directoryErrorFilter)
export class GroupQueryResolver {
  constructor(
    private readonly groupsOf: GroupsHandler,
    private readonly groupOf: GroupHandler,
    private readonly membersOf: GroupMembersHandler,
  ) {}

  @Query(() => GroupConnectionGql, { description: 'Groups in id order you may see (supplier agents: their organisation\'s)' })
  @Roles(...DIRECTORY_WORKERS)
  async groups(
    @CurrentPrincipal() viewer: Principal,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('filter', { type: () => GroupFilterInput, nullable: true }) filter?: GroupFilterInput | null,
  ): Promise<ConnectionOf<GroupGql>> {
    const page = await this.groupsOf.execute(new GroupsQuery(viewer, filter ?? {}, pageArgs(GROUP_PAGES, first, after)));
    return directoryConnection(GROUP_PAGES, page, toGroupGql);
  }

  @Query(() => GroupGql, { description: 'A group by id (DIRECTORY.GROUP_NOT_FOUND when there is none you may see)' })
  @Roles(...DIRECTORY_WORKERS)
  async group(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<GroupGql> {
    return toGroupGql(await this.groupOf.execute(new GroupQuery(viewer, id)));
  }

  @ResolveField(() => [PersonGql], { description: 'Members you may see, in the order they joined (DIRECTORY.TOO_MANY over 1,000: page people(filter: { groupId }))' })
  @Roles(...DIRECTORY_WORKERS)
  async members(@Parent() group: GroupGql, @CurrentPrincipal() viewer: Principal): Promise<PersonGql[]> {
    return (await this.membersOf.execute(new GroupMembersQuery(viewer, group.id))).map(toPersonGql);
  }
}
