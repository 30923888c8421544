import type { DirectoryViewer } from '../../../domain';
import { DirectoryErrorCode } from '../../../domain';
import { aGroup, aPerson, InMemoryGroupQueries, InMemoryPeopleQueries } from '../../test-fixtures/in-memory-directory-reads';
import { ID_BATCH, MAX_LISTED_MEMBERS } from '../directory-pages';
import { GroupMembersHandler } from './group-members.handler';
import { GroupMembersQuery } from './group-members.query';

const AGENT: DirectoryViewer = { userId: 'u-agent', roles: ['agent'], orgId: undefined };
const NORTHWIND: DirectoryViewer = { userId: 'u-nw', roles: ['supplier-agent'], orgId: 'nw' };
const REQUESTER: DirectoryViewer = { userId: 'u-p1', roles: ['requester'], orgId: undefined };

describe('GroupMembersHandler', () => {
  const people = new InMemoryPeopleQueries([aPerson('p1', { organisationId: 'nw' }), aPerson('p2', { organisationId: 'contoso' }), aPerson('p3', { organisationId: 'nw' })]);
  const groups = new InMemoryGroupQueries([
    aGroup('net', { organisationId: 'nw', memberIds: ['p3', 'p2', 'gone', 'p1'] }),
    aGroup('desk', { organisationId: 'contoso', memberIds: ['p1', 'p2'] }),
  ]);
  const handler = new GroupMembersHandler(groups, people);
  const members = async (viewer: DirectoryViewer, groupId: string) => (await handler.execute(new GroupMembersQuery(viewer, groupId))).map((p) => p.id);

  it('lists the members in the order they joined, skipping ids the directory no longer knows', async () => {
    expect(await members(AGENT, 'net')).toEqual(['p3', 'p2', 'p1']);
  });

  it('never shows a supplier agent another organisation\'s people, nor any member of another organisation\'s group', async () => {
    expect(await members(NORTHWIND, 'net')).toEqual(['p3', 'p1']);
    expect(await members(NORTHWIND, 'desk')).toEqual([]);
  });

  it('shows a requester no group\'s members and an unknown group none', async () => {
    expect(await members(REQUESTER, 'net')).toEqual([]);
    expect(await members(AGENT, 'nope')).toEqual([]);
  });

  it('reads members in batches and refuses a group too large to list at once with DIRECTORY.TOO_MANY', async () => {
    const ids = Array.from({ length: ID_BATCH + 5 }, (_, i) => `m${i}`);
    const many = new InMemoryPeopleQueries(ids.map((id) => aPerson(id)));
    const big = new GroupMembersHandler(new InMemoryGroupQueries([aGroup('big', { memberIds: ids }), aGroup('huge', { memberIds: Array.from({ length: MAX_LISTED_MEMBERS + 1 }, (_, i) => `h${i}`) })]), many);
    expect((await big.execute(new GroupMembersQuery(AGENT, 'big'))).map((p) => p.id)).toEqual(ids);
    expect(many.finds.map((call) => call.page.limit)).toEqual([ID_BATCH, 5]);
    await expect(big.execute(new GroupMembersQuery(AGENT, 'huge'))).rejects.toMatchObject({ code: DirectoryErrorCode.TooMany, details: { id: 'huge', max: MAX_LISTED_MEMBERS } });
  });
});
