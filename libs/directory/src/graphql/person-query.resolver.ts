import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { MeHandler, MeQuery, PeopleHandler, PeopleQuery, PersonGroupsHandler, PersonGroupsQuery, PersonHandler, PersonQuery, PersonRolesHandler, PersonRolesQuery } from '../application/queries';
import { directoryErrorFilter } from './directory-error.filter';
import { directoryConnection, pageArgs, PERSON_PAGES } from './directory-pages';
import { PersonConnectionGql, PersonFilterInput } from './directory-read.inputs';
import { toGroupGql, toPersonGql } from './directory-graphql.mapper';
import { GroupGql, PersonGql } from './directory.types';
import { DIRECTORY_EVERYONE } from './read-role-sets';

/** Reading people: a page of them, one by id, the caller's own (`me`), and a person's groups and effective roles. */
@Resolver(() => PersonGql)
@UseFilters(directoryErrorFilter)
export class PersonQueryResolver {
  constructor(
    private readonly peopleOf: PeopleHandler,
    private readonly personOf: PersonHandler,
    private readonly meOf: MeHandler,
    private readonly groupsOf: PersonGroupsHandler,
    private readonly rolesOf: PersonRolesHandler,
  ) {}

  @Query(() => PersonConnectionGql, { description: 'People in id order you may see (supplier agents: their organisation; requesters: themselves)' })
  @Roles(...DIRECTORY_EVERYONE)
  async people(
    @CurrentPrincipal() viewer: Principal,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('filter', { type: () => PersonFilterInput, nullable: true }) filter?: PersonFilterInput | null,
  ): Promise<ConnectionOf<PersonGql>> {
    const page = await this.peopleOf.execute(new PeopleQuery(viewer, filter ?? {}, pageArgs(PERSON_PAGES, first, after)));
    return directoryConnection(PERSON_PAGES, page, toPersonGql);
  }

  @Query(() => PersonGql, { description: 'A person by id (DIRECTORY.PERSON_NOT_FOUND when there is none you may see)' })
  @Roles(...DIRECTORY_EVERYONE)
  async person(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<PersonGql> {
    return toPersonGql(await this.personOf.execute(new PersonQuery(viewer, id)));
  }

  @Query(() => PersonGql, { nullable: true, description: 'Your own directory entry (by your token\'s subject = userName); null when the directory does not know you' })
  @Roles(...DIRECTORY_EVERYONE)
  async me(@CurrentPrincipal() viewer: Principal): Promise<PersonGql | null> {
    const person = await this.meOf.execute(new MeQuery(viewer));
    return person === undefined ? null : toPersonGql(person);
  }

  @ResolveField(() => [GroupGql], { description: 'The groups of this person you may see (all of them in `me`)' })
  @Roles(...DIRECTORY_EVERYONE)
  async groups(@Parent() person: PersonGql, @CurrentPrincipal() viewer: Principal): Promise<GroupGql[]> {
    return (await this.groupsOf.execute(new PersonGroupsQuery(viewer, person))).map(toGroupGql);
  }

  @ResolveField(() => [String], { description: 'Roles granted directly and through group membership, each once' })
  @Roles(...DIRECTORY_EVERYONE)
  async effectiveRoles(@Parent() person: PersonGql): Promise<string[]> {
    return [...(await this.rolesOf.execute(new PersonRolesQuery(person)))];
  }
}
