import { DirectoryErrorCode } from '../../../domain';
import { ADMIN, inMemoryDirectory } from '../../test-fixtures/in-memory-directory';
import { CreateGroupCommand } from '../create-group/create-group.command';
import { DeleteGroupCommand } from '../delete-group/delete-group.command';
import { ReplaceGroupCommand } from '../replace-group/replace-group.command';
import { ChangeGroupMembersCommand } from './change-group-members.command';

async function withGroup() {
  const directory = inMemoryDirectory();
  const [a, b, c] = [await directory.person('a'), await directory.person('b'), await directory.person('c')];
  await directory.createGroup.execute(new CreateGroupCommand(ADMIN, { name: 'Desk', kind: 'assignment', organisationId: null, managerId: null, roles: [], memberIds: [a.id, b.id], externalId: null }, 'desk'));
  return { directory, a, b, c };
}

describe('group member changes', () => {
  it('adds and removes in one write (members-removed, then members-added)', async () => {
    const { directory, a, b, c } = await withGroup();
    const writes = directory.groups.writes.length;
    const changed = await directory.changeGroupMembers.execute(new ChangeGroupMembersCommand({ by: 'scim:c1' }, 'desk', [c.id, b.id], [a.id], 'Service Desk'));
    expect(changed).toMatchObject({ name: 'Service Desk', memberIds: [b.id, c.id], version: 2 });
    expect(directory.groups.writes.slice(writes).map((w) => w.events.map((e) => e.type))).toEqual([
      ['itsm.directory.group-saved.v1', 'itsm.directory.group-members-removed.v1', 'itsm.directory.group-members-added.v1'],
    ]);
  });

  it('answers DIRECTORY.PERSON_NOT_FOUND for an added id that is no person, writing nothing', async () => {
    const { directory, a } = await withGroup();
    const writes = directory.groups.writes.length;
    await expect(directory.changeGroupMembers.execute(new ChangeGroupMembersCommand(ADMIN, 'desk', ['p-404'], [a.id]))).rejects.toMatchObject({ code: DirectoryErrorCode.PersonNotFound, details: { field: 'add' } });
    expect(directory.groups.writes).toHaveLength(writes);
  });

  it('decides again on the fresh group when another writer wins the race', async () => {
    const { directory, b, c } = await withGroup();
    const stored = directory.groups.get('desk')!;
    directory.groups.beforeNextWrite(() => directory.groups.put({ ...stored, memberIds: [b.id], version: 2 }));
    const changed = await directory.changeGroupMembers.execute(new ChangeGroupMembersCommand(ADMIN, 'desk', [c.id], []));
    expect(changed.memberIds).toEqual([b.id, c.id]);
  });

  it('writes nothing for a stale expected version (If-Match), also when another writer wins the race, and writes at the current one', async () => {
    const { directory, a, b, c } = await withGroup();
    const writes = directory.groups.writes.length;
    await expect(directory.changeGroupMembers.execute(new ChangeGroupMembersCommand(ADMIN, 'desk', [c.id], [a.id], undefined, 2))).rejects.toMatchObject({
      code: DirectoryErrorCode.Conflict,
      details: { expectedVersion: 2, version: 1 },
    });
    const stored = directory.groups.get('desk')!;
    directory.groups.beforeNextWrite(() => directory.groups.put({ ...stored, memberIds: [b.id], version: 2 }));
    await expect(directory.changeGroupMembers.execute(new ChangeGroupMembersCommand(ADMIN, 'desk', [c.id], [], undefined, 1))).rejects.toMatchObject({ code: DirectoryErrorCode.Conflict });
    expect(directory.groups.writes).toHaveLength(writes);
    expect(directory.groups.get('desk')).toMatchObject({ memberIds: [b.id], version: 2 });
    const changed = await directory.changeGroupMembers.execute(new ChangeGroupMembersCommand(ADMIN, 'desk', [c.id], [], undefined, 2));
    expect(changed).toMatchObject({ memberIds: [b.id, c.id], version: 3 });
  });

  it('replaces the whole list (If-Match checked) and deletes the group', async () => {
    const { directory, c } = await withGroup();
    const group = { name: 'Desk', kind: 'assignment' as const, organisationId: null, managerId: null, roles: [], memberIds: [c.id], externalId: null };
    await expect(directory.replaceGroup.execute(new ReplaceGroupCommand(ADMIN, 'desk', group, 9))).rejects.toMatchObject({ code: DirectoryErrorCode.Conflict });
    expect((await directory.replaceGroup.execute(new ReplaceGroupCommand(ADMIN, 'desk', group, 1))).memberIds).toEqual([c.id]);
    await directory.deleteGroup.execute(new DeleteGroupCommand(ADMIN, 'desk'));
    expect(directory.groups.events().at(-1)?.type).toBe('itsm.directory.group-deleted.v1');
    await expect(directory.changeGroupMembers.execute(new ChangeGroupMembersCommand(ADMIN, 'desk', [c.id], []))).rejects.toMatchObject({ code: DirectoryErrorCode.GroupNotFound });
    await expect(directory.deleteGroup.execute(new DeleteGroupCommand(ADMIN, 'desk'))).rejects.toMatchObject({ code: DirectoryErrorCode.GroupNotFound });
  });

  it('answers DIRECTORY.GROUP_NOT_FOUND to a bound writer for another organisation\'s group', async () => {
    const { directory, c } = await withGroup();
    await directory.organisation('fabrikam');
    await expect(directory.changeGroupMembers.execute(new ChangeGroupMembersCommand({ by: 'scim:c1', organisationId: 'fabrikam' }, 'desk', [], [c.id]))).rejects.toMatchObject({ code: DirectoryErrorCode.GroupNotFound });
  });
});
