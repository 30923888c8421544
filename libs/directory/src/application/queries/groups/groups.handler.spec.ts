import type { DirectoryViewer } from '../../../domain';
import { DirectoryErrorCode } from '../../../domain';
import type { GroupKind } from '../../../domain';
import { aGroup, InMemoryGroupQueries } from '../../test-fixtures/in-memory-directory-reads';
import { GroupsHandler } from './groups.handler';
import { GroupsQuery } from './groups.query';
import type { GroupFilter } from './groups.query';

const AGENT: DirectoryViewer = { userId: 'u-agent', roles: ['agent'], orgId: undefined };
const handler = new GroupsHandler(
  new InMemoryGroupQueries([
    aGroup('service-desk', { name: 'Service Desk', organisationId: 'contoso', memberIds: ['p1', 'p2'] }),
    aGroup('cab', { name: 'Change Advisory Board', kind: 'cab', organisationId: 'contoso', memberIds: ['p2'] }),
    aGroup('network-ops', { name: 'Network Ops', organisationId: 'nw', memberIds: ['p3'] }),
  ]),
);
const run = async (viewer: DirectoryViewer, filter: GroupFilter = {}, first = 50, after?: string) => {
  const page = await handler.execute(new GroupsQuery(viewer, filter, { first, after }));
  return [page.items.map((g) => g.id), page.hasNextPage];
};

describe('GroupsHandler', () => {
  it('pages groups in id order by keyset', async () => {
    expect(await run(AGENT, {}, 2)).toEqual([['cab', 'network-ops'], true]);
    expect(await run(AGENT, {}, 2, 'network-ops')).toEqual([['service-desk'], false]);
  });

  it('filters by kind, name, organisation and member', async () => {
    expect(await run(AGENT, { kind: 'cab' })).toEqual([['cab'], false]);
    expect(await run(AGENT, { nameContains: 'ops' })).toEqual([['network-ops'], false]);
    expect(await run(AGENT, { organisationId: 'contoso', memberId: 'p2' })).toEqual([['cab', 'service-desk'], false]);
  });

  it('shows a supplier agent its organisation\'s groups only and a requester none', async () => {
    expect(await run({ userId: 'u-nw', roles: ['supplier-agent'], orgId: 'nw' }, { memberId: 'p2' })).toEqual([[], false]);
    expect(await run({ userId: 'u-nw', roles: ['supplier-agent'], orgId: 'nw' })).toEqual([['network-ops'], false]);
    expect(await run({ userId: 'u-r', roles: ['requester'], orgId: undefined })).toEqual([[], false]);
  });

  it('refuses an unknown kind', async () => {
    await expect(run(AGENT, { kind: 'team' as GroupKind })).rejects.toMatchObject({ code: DirectoryErrorCode.InvalidInput, details: { field: 'kind' } });
  });
});
