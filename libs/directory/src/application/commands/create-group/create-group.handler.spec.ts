import { DirectoryErrorCode } from '../../../domain';
import type { GroupAttributes } from '../../../domain';
import { ADMIN, inMemoryDirectory } from '../../test-fixtures/in-memory-directory';
import { CreateGroupCommand } from './create-group.command';

const group = (memberIds: string[], extra: Partial<GroupAttributes> = {}): GroupAttributes => ({ name: 'Service Desk', kind: 'assignment', organisationId: null, managerId: null, roles: [], memberIds, externalId: null, ...extra });

describe('CreateGroupHandler', () => {
  it('creates a group of live people with group-saved and members-added', async () => {
    const directory = inMemoryDirectory();
    const a = await directory.person('a');
    const b = await directory.person('b');
    const created = await directory.createGroup.execute(new CreateGroupCommand(ADMIN, group([a.id, b.id, a.id]), 'service-desk'));
    expect(created).toMatchObject({ id: 'service-desk', memberIds: [a.id, b.id], version: 1 });
    expect(directory.groups.events().map((e) => e.type)).toEqual(['itsm.directory.group-saved.v1', 'itsm.directory.group-members-added.v1']);
  });

  it('answers DIRECTORY.PERSON_NOT_FOUND for an unknown member and writes nothing', async () => {
    const directory = inMemoryDirectory();
    const a = await directory.person('a');
    await expect(directory.createGroup.execute(new CreateGroupCommand(ADMIN, group([a.id, 'p-404'])))).rejects.toMatchObject({ code: DirectoryErrorCode.PersonNotFound, details: { field: 'memberIds', personId: 'p-404' } });
    expect(directory.groups.writes).toEqual([]);
  });

  it('keeps a bound writer to its organisation\'s people and group', async () => {
    const directory = inMemoryDirectory();
    await directory.organisation('fabrikam');
    const scim = { by: 'scim:c1', organisationId: 'fabrikam' };
    const staff = await directory.person('staff');
    const own = await directory.person('own', {}, scim);
    await expect(directory.createGroup.execute(new CreateGroupCommand(scim, group([staff.id])))).rejects.toMatchObject({ code: DirectoryErrorCode.PersonNotFound });
    expect((await directory.createGroup.execute(new CreateGroupCommand(scim, group([own.id])))).organisationId).toBe('fabrikam');
  });

  it('answers DIRECTORY.UNIQUENESS for a taken id and DIRECTORY.INVALID_INPUT for a bad one', async () => {
    const directory = inMemoryDirectory();
    await directory.createGroup.execute(new CreateGroupCommand(ADMIN, group([]), 'desk'));
    await expect(directory.createGroup.execute(new CreateGroupCommand(ADMIN, group([]), 'desk'))).rejects.toMatchObject({ code: DirectoryErrorCode.Uniqueness });
    await expect(directory.createGroup.execute(new CreateGroupCommand(ADMIN, group([]), 'Desk!'))).rejects.toMatchObject({ code: DirectoryErrorCode.InvalidInput, details: { field: 'id' } });
  });
});
