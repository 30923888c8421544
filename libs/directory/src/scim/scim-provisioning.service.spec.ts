import type { ReplacePersonCommand } from '../application/commands';
import { ChangeGroupMembersCommand, CreatePersonCommand } from '../application/commands';
import type { Criterion, DirectoryScope, Found, GroupQueries, OffsetPage, PeopleQueries, PersonField } from '../application/ports';
import { DirectoryError, DirectoryErrorCode } from '../domain';
import type { Group, Person, ProvisioningClient } from '../domain';
import { ScimGroupsService } from './scim-groups.service';
import { ScimUsersService } from './scim-users.service';
import { aGroup, aPerson } from './test-fixtures/directory-records';
import { asyncRefusal } from './test-fixtures/scim-refusal';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const BASE = 'http://localhost/scim/v2';

const supplierClient: ProvisioningClient = { id: 'c-a', name: 'Supplier A Entra', organisationId: 'org-a', createdBy: 'u-admin', createdAt: new Date(0), revokedAt: null };
const internalClient: ProvisioningClient = { ...supplierClient, id: 'c-int', organisationId: null };

/** People by id; find answers id look-ups (or of id eq) in scope, as the scope checks ask. */
function peopleOf(people: readonly Person[]): PeopleQueries {
  return {
    byId: async (id: string) => people.find((person) => person.id === id),
    byUserName: async (userName: string) => people.find((person) => person.userName.toLowerCase() === userName.toLowerCase()),
    find: async (where: Criterion<PersonField> | undefined, page: OffsetPage, scope?: DirectoryScope): Promise<Found<Person>> => {
      const ids = where !== undefined && 'or' in where ? where.or.map((criterion) => ('value' in criterion ? criterion.value : undefined)) : undefined;
      const items = people.filter((person) => (ids === undefined || ids.includes(person.id)) && (scope?.organisationId === undefined || person.organisationId === scope.organisationId));
      return { items: items.slice(page.offset, page.offset + page.limit), total: items.length };
    },
  };
}

function recorder<R>(result: R | (() => R)) {
  const commands: unknown[] = [];
  return {
    commands,
    handler: {
      execute: async (command: unknown) => {
        commands.push(command);
        return typeof result === 'function' ? (result as () => R)() : result;
      },
    },
  };
}


describe('ScimUsersService', () => {
  const alice = aPerson();
  const bob = aPerson({ id: 'p-bob', userName: 'bob', organisationId: 'org-b' });
  const setup = () => {
    const create = recorder<Person>(alice);
    const replace = recorder<Person>(() => aPerson({ version: 4 }));
    const remove = recorder<void>(undefined);
    const service = new ScimUsersService(peopleOf([alice, bob]), create.handler as never, replace.handler as never, remove.handler as never);
    return { service, create, replace, remove };
  };

  it('creates a person in the client organisation, acting as scim:<client id>', async () => {
    const { service, create } = setup();
    await service.create(supplierClient, { schemas: [USER], userName: 'new@example.com' });
    const command = create.commands[0] as CreatePersonCommand;
    expect(command).toBeInstanceOf(CreatePersonCommand);
    expect(command.actor).toEqual({ by: 'scim:c-a', organisationId: 'org-a' });
    expect(command.person).toMatchObject({ userName: 'new@example.com', organisationId: 'org-a', roles: [], chatHandle: null, active: true });
  });

  it("answers 404 for another organisation's person, as if absent", async () => {
    const { service } = setup();
    expect(await asyncRefusal(() => service.get(supplierClient, 'p-bob'))).toEqual({ status: 404, scimType: undefined });
    await expect(service.get(internalClient, 'p-bob')).resolves.toBe(bob);
  });

  it('patches as one replace at the version read, keeping what SCIM does not carry', async () => {
    const { service, replace } = setup();
    await service.patch(supplierClient, 'p-alice', { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }, undefined, BASE);
    const command = replace.commands[0] as ReplacePersonCommand;
    expect(command.expectedVersion).toBe(3);
    expect(command.person).toMatchObject({ active: false, chatHandle: '@alice', roles: ['agent'], organisationId: 'org-a' });
  });

  it('writes nothing for a bad PATCH, a stale If-Match or a manager out of scope', async () => {
    const { service, replace } = setup();
    const patchOf = (operations: unknown[]) => ({ schemas: [PATCH_OP], Operations: operations });
    expect(await asyncRefusal(() => service.patch(supplierClient, 'p-alice', patchOf([{ op: 'replace', path: 'title', value: 'x' }, { op: 'replace', path: 'nope', value: 1 }]), undefined, BASE))).toEqual({
      status: 400,
      scimType: 'invalidPath',
    });
    expect(await asyncRefusal(() => service.patch(supplierClient, 'p-alice', patchOf([{ op: 'replace', path: 'title', value: 'x' }]), 'W/"2"', BASE))).toEqual({ status: 412, scimType: undefined });
    expect(replace.commands).toHaveLength(0);
  });

  it("answers a manager the handler finds no person for as 400 invalidValue, not the User's 404", async () => {
    const replace = recorder<Person>(() => {
      throw new DirectoryError(DirectoryErrorCode.PersonNotFound, 'no person p-bob', { field: 'managerId', personId: 'p-bob' });
    });
    const service = new ScimUsersService(peopleOf([alice, bob]), recorder(alice).handler as never, replace.handler as never, recorder(undefined).handler as never);
    const manager = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: 'p-bob' }] };
    expect(await asyncRefusal(() => service.patch(supplierClient, 'p-alice', manager, undefined, BASE))).toEqual({ status: 400, scimType: 'invalidValue' });
  });

  it('re-applies a PATCH without If-Match that lost a race, and answers 412 for one with If-Match', async () => {
    let calls = 0;
    const replace = recorder<Person>(() => {
      calls += 1;
      if (calls === 1) throw new DirectoryError(DirectoryErrorCode.Conflict, 'the person changed concurrently');
      return aPerson({ version: 5 });
    });
    const service = new ScimUsersService(peopleOf([alice]), recorder(alice).handler as never, replace.handler as never, recorder(undefined).handler as never);
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Lead' }] };
    await expect(service.patch(supplierClient, 'p-alice', body, undefined, BASE)).resolves.toMatchObject({ version: 5 });
    expect(replace.commands).toHaveLength(2);
    calls = 0;
    expect(await asyncRefusal(() => service.patch(supplierClient, 'p-alice', body, 'W/"3"', BASE))).toEqual({ status: 412, scimType: undefined });
  });
});

describe('ScimGroupsService', () => {
  const desk = aGroup({ memberIds: ['p-1', 'p-2'] });
  const setup = (change: () => Group = () => aGroup({ version: 8 })) => {
    const groups: GroupQueries = { byId: async (id) => (id === desk.id ? desk : undefined), find: async () => ({ items: [], total: 0 }), ofPerson: async () => [] };
    const members = recorder<Group>(change);
    const unused = recorder<Group>(desk);
    const service = new ScimGroupsService(groups, unused.handler as never, unused.handler as never, members.handler as never, unused.handler as never);
    return { service, members, unused };
  };
  const patchOf = (operations: unknown[]) => ({ schemas: [PATCH_OP], Operations: operations });

  it('sends member batches, not the member list', async () => {
    const { service, members } = setup();
    const group = await service.patch(supplierClient, 'g-desk', patchOf([{ op: 'Add', path: 'members', value: [{ value: 'p-4' }] }, { op: 'Remove', path: 'members[value eq "p-1"]' }]), undefined);
    expect(group.version).toBe(8);
    expect(members.commands).toEqual([new ChangeGroupMembersCommand({ by: 'scim:c-a', organisationId: 'org-a' }, 'g-desk', ['p-4'], ['p-1'], undefined)]);
  });

  it('answers a member the handler finds no person for (unknown, or of another organisation) as 400 invalidValue', async () => {
    const failing = setup(() => {
      throw new DirectoryError(DirectoryErrorCode.PersonNotFound, 'no person p-9', { field: 'add', personId: 'p-9' });
    });
    expect(await asyncRefusal(() => failing.service.patch(internalClient, 'g-desk', patchOf([{ op: 'add', path: 'members', value: [{ value: 'p-9' }] }]), undefined))).toEqual({ status: 400, scimType: 'invalidValue' });
  });
});
