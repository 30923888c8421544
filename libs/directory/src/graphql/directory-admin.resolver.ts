import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import {
  ChangeGroupMembersCommand,
  ChangeGroupMembersHandler,
  CreateGroupCommand,
  CreateGroupHandler,
  CreatePersonCommand,
  CreatePersonHandler,
  DeleteGroupCommand,
  DeleteGroupHandler,
  ReplacePersonCommand,
  ReplacePersonHandler,
  SaveOrganisationCommand,
  SaveOrganisationHandler,
} from '../application/commands';
import type { DirectoryActor } from '../application/directory-inputs';
import { PeopleQueries } from '../application/ports/directory-queries.port';
import { DirectoryError, DirectoryErrorCode } from '../domain';
import type { Person } from '../domain';
import { directoryErrorFilter } from './directory-error.filter';
import { attributesOf, groupInputFrom, personAttributesFrom, toGroupGql, toOrganisationGql, toPersonGql } from './directory-graphql.mapper';
import { GroupInputGql, OrganisationInput, PersonInputGql } from './directory.inputs';
import { GroupGql, OrganisationGql, PersonGql } from './directory.types';

function actorOf(principal: Principal): DirectoryActor {
  return { by: principal.userId };
}

/** The administrator's edits of the directory (identity providers use SCIM); thin: a command per mutation. */
@Resolver()
@UseFilters(directoryErrorFilter)
@Roles('admin')
export class DirectoryAdminResolver {
  constructor(
    private readonly people: PeopleQueries,
    private readonly saveOrganisationHandler: SaveOrganisationHandler,
    private readonly createPersonHandler: CreatePersonHandler,
    private readonly replacePerson: ReplacePersonHandler,
    private readonly createGroupHandler: CreateGroupHandler,
    private readonly changeGroupMembersHandler: ChangeGroupMembersHandler,
    private readonly deleteGroupHandler: DeleteGroupHandler,
  ) {}

  @Mutation(() => OrganisationGql, { description: 'Creates or updates an organisation' })
  async saveOrganisation(@Args('input') input: OrganisationInput, @CurrentPrincipal() principal: Principal): Promise<OrganisationGql> {
    const organisation = { id: input.id, name: input.name, kind: input.kind, parentId: input.parentId ?? null, active: input.active };
    return toOrganisationGql(await this.saveOrganisationHandler.execute(new SaveOrganisationCommand(actorOf(principal), organisation)));
  }

  @Mutation(() => PersonGql, { description: 'Creates a person (userName and displayName required)' })
  async createPerson(@Args('input') input: PersonInputGql, @CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID, nullable: true }) id?: string): Promise<PersonGql> {
    return toPersonGql(await this.createPersonHandler.execute(new CreatePersonCommand(actorOf(principal), personAttributesFrom(input), id ?? undefined)));
  }

  @Mutation(() => PersonGql, { description: 'Changes the given attributes of a person (null clears one)' })
  async updatePerson(@Args('id', { type: () => ID }) id: string, @Args('input') input: PersonInputGql, @CurrentPrincipal() principal: Principal): Promise<PersonGql> {
    const current = await this.current(id);
    return toPersonGql(await this.replacePerson.execute(new ReplacePersonCommand(actorOf(principal), id, personAttributesFrom(input, attributesOf(current)), current.version)));
  }

  @Mutation(() => PersonGql, { description: 'Takes a person out of assignment, routing and approvals; the record stays' })
  deactivatePerson(@Args('id', { type: () => ID }) id: string, @CurrentPrincipal() principal: Principal): Promise<PersonGql> {
    return this.setActive(id, false, principal);
  }

  @Mutation(() => PersonGql)
  reactivatePerson(@Args('id', { type: () => ID }) id: string, @CurrentPrincipal() principal: Principal): Promise<PersonGql> {
    return this.setActive(id, true, principal);
  }

  @Mutation(() => GroupGql, { description: 'Creates a group with its first members' })
  async createGroup(@Args('input') input: GroupInputGql, @CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID, nullable: true }) id?: string): Promise<GroupGql> {
    return toGroupGql(await this.createGroupHandler.execute(new CreateGroupCommand(actorOf(principal), groupInputFrom(input), id ?? undefined)));
  }

  @Mutation(() => GroupGql, { description: 'Adds and removes members (adding a member twice or removing an absent one changes nothing)' })
  async changeGroupMembers(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: Principal,
    @Args('add', { type: () => [ID], defaultValue: [] }) add: string[],
    @Args('remove', { type: () => [ID], defaultValue: [] }) remove: string[],
  ): Promise<GroupGql> {
    return toGroupGql(await this.changeGroupMembersHandler.execute(new ChangeGroupMembersCommand(actorOf(principal), id, add, remove)));
  }

  @Mutation(() => Boolean, { description: 'Deletes a group' })
  async deleteGroup(@Args('id', { type: () => ID }) id: string, @CurrentPrincipal() principal: Principal): Promise<boolean> {
    await this.deleteGroupHandler.execute(new DeleteGroupCommand(actorOf(principal), id));
    return true;
  }

  private async setActive(id: string, active: boolean, principal: Principal): Promise<PersonGql> {
    const current = await this.current(id);
    return toPersonGql(await this.replacePerson.execute(new ReplacePersonCommand(actorOf(principal), id, { ...attributesOf(current), active }, current.version)));
  }

  private async current(id: string): Promise<Person> {
    const person = await this.people.byId(id);
    if (person === undefined) throw new DirectoryError(DirectoryErrorCode.PersonNotFound, `no person ${id}`, { personId: id });
    return person;
  }
}
