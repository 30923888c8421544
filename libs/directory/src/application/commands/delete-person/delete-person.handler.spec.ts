import { DirectoryErrorCode } from '../../../domain';
import { ADMIN, inMemoryDirectory } from '../../test-fixtures/in-memory-directory';
import { CreateGroupCommand } from '../create-group/create-group.command';
import { DeletePersonCommand } from './delete-person.command';

describe('DeletePersonHandler', () => {
  it('takes the person out of its groups, keeps a tombstone and gives the userName back', async () => {
    const directory = inMemoryDirectory();
    const jane = await directory.person('jane', {}, ADMIN, 'p-jane');
    const bob = await directory.person('bob');
    for (const id of ['desk', 'ops']) {
      await directory.createGroup.execute(new CreateGroupCommand(ADMIN, { name: id, kind: 'assignment', organisationId: null, managerId: null, roles: [], memberIds: [jane.id, bob.id], externalId: null }, id));
    }

    await directory.deletePerson.execute(new DeletePersonCommand({ by: 'scim:c1' }, jane.id));

    expect(directory.groups.all().map((g) => g.memberIds)).toEqual([[bob.id], [bob.id]]);
    expect(directory.groups.events().slice(-2).map((e) => [e.type, 'personIds' in e.data ? e.data.personIds : []])).toEqual([
      ['itsm.directory.group-members-removed.v1', [jane.id]],
      ['itsm.directory.group-members-removed.v1', [jane.id]],
    ]);
    expect(directory.people.get(jane.id)).toMatchObject({ deleted: true, active: false });
    expect(directory.people.events().at(-1)).toEqual({ type: 'itsm.directory.person-deleted.v1', data: expect.objectContaining({ personId: jane.id, userName: 'jane', by: 'scim:c1' }) });
    // The userName is free again, the id never is.
    expect((await directory.person('JANE')).id).not.toBe(jane.id);
    await expect(directory.person('other', {}, ADMIN, 'p-jane')).rejects.toMatchObject({ code: DirectoryErrorCode.Uniqueness });
    await expect(directory.deletePerson.execute(new DeletePersonCommand(ADMIN, jane.id))).rejects.toMatchObject({ code: DirectoryErrorCode.PersonNotFound });
  });

  it('answers DIRECTORY.PERSON_NOT_FOUND for another organisation\'s person and changes no group', async () => {
    const directory = inMemoryDirectory();
    await directory.organisation('fabrikam');
    const staff = await directory.person('staff');
    await directory.createGroup.execute(new CreateGroupCommand(ADMIN, { name: 'desk', kind: 'assignment', organisationId: null, managerId: null, roles: [], memberIds: [staff.id], externalId: null }, 'desk'));
    await expect(directory.deletePerson.execute(new DeletePersonCommand({ by: 'scim:c1', organisationId: 'fabrikam' }, staff.id))).rejects.toMatchObject({ code: DirectoryErrorCode.PersonNotFound });
    expect(directory.groups.get('desk')?.memberIds).toEqual([staff.id]);
  });
});
