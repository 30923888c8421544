import type { DirectoryViewer } from '../../../domain';
import { DirectoryError, DirectoryErrorCode } from '../../../domain';
import { aGroup, aPerson, InMemoryGroupQueries, InMemoryPeopleQueries } from '../../test-fixtures/in-memory-directory-reads';
import { ID_BATCH } from '../directory-pages';
import { PeopleHandler } from './people.handler';
import { PeopleQuery } from './people.query';
import type { PersonFilter } from './people.query';

const AGENT: DirectoryViewer = { userId: 'u-agent', roles: ['agent'], orgId: undefined };
const NORTHWIND: DirectoryViewer = { userId: 'u-nw1', roles: ['supplier-agent'], orgId: 'nw' };
const REQUESTER: DirectoryViewer = { userId: 'U-REQ', roles: ['requester'], orgId: undefined };

function setUp() {
  const people = new InMemoryPeopleQueries([
    aPerson('p05', { userName: 'u-nw1', displayName: 'Nina North', organisationId: 'nw', emails: [{ value: 'Nina@NW.example', type: 'work', primary: true }] }),
    aPerson('p01', { userName: 'u-alice', displayName: 'Alice Able', organisationId: 'contoso' }),
    aPerson('p03', { userName: 'u-nw2', displayName: 'Ned North', organisationId: 'nw', active: false }),
    aPerson('p02', { userName: 'u-req', displayName: 'Rita Requester', organisationId: 'fabrikam' }),
    aPerson('p04', { userName: 'u-ts', displayName: 'Tom Tail', organisationId: 'ts' }),
  ]);
  const groups = new InMemoryGroupQueries([aGroup('net', { organisationId: 'nw', memberIds: ['p05', 'p03'] }), aGroup('desk', { organisationId: 'contoso', memberIds: ['p04', 'p01', 'p05'] })]);
  return { people, groups, handler: new PeopleHandler(people, groups) };
}

const run = (handler: PeopleHandler, viewer: DirectoryViewer, filter: PersonFilter = {}, first = 50, after?: string) => handler.execute(new PeopleQuery(viewer, filter, { first, after }));
const ids = (page: { items: readonly { id: string }[] }) => page.items.map((person) => person.id);

describe('PeopleHandler', () => {
  it('pages everyone in id order for staff, by keyset', async () => {
    const { handler } = setUp();
    const first = await run(handler, AGENT, {}, 2);
    expect([ids(first), first.hasNextPage]).toEqual([['p01', 'p02'], true]);
    const second = await run(handler, AGENT, {}, 2, 'p02');
    expect([ids(second), second.hasNextPage]).toEqual([['p03', 'p04'], true]);
    const last = await run(handler, AGENT, {}, 2, 'p04');
    expect([ids(last), last.hasNextPage]).toEqual([['p05'], false]);
  });

  it('shows a supplier agent only its organisation\'s people, whatever the filter asks', async () => {
    const { handler, people } = setUp();
    expect(ids(await run(handler, NORTHWIND))).toEqual(['p03', 'p05']);
    expect(ids(await run(handler, NORTHWIND, { organisationId: 'contoso' }))).toEqual([]);
    expect(people.finds.at(-1)?.scope).toEqual({ organisationId: 'nw' });
  });

  it('shows a requester only itself (its subject, case-insensitive) and no one to a viewer without a reading role', async () => {
    const { handler } = setUp();
    expect(ids(await run(handler, REQUESTER))).toEqual(['p02']);
    expect(ids(await run(handler, { userId: 'u-x', roles: ['supplier-agent'], orgId: undefined }))).toEqual([]);
  });

  it('filters by text, email, organisation and active, all together', async () => {
    const { handler } = setUp();
    expect(ids(await run(handler, AGENT, { displayNameContains: 'north' }))).toEqual(['p03', 'p05']);
    expect(ids(await run(handler, AGENT, { displayNameContains: 'north', active: true }))).toEqual(['p05']);
    expect(ids(await run(handler, AGENT, { userNameContains: 'NW', active: false }))).toEqual(['p03']);
    expect(ids(await run(handler, AGENT, { email: 'nina@nw.example' }))).toEqual(['p05']);
    expect(ids(await run(handler, AGENT, { organisationId: 'ts' }))).toEqual(['p04']);
  });

  it('pages a group\'s members in id order, within the viewer\'s scope', async () => {
    const { handler } = setUp();
    const first = await run(handler, AGENT, { groupId: 'desk' }, 2);
    expect([ids(first), first.hasNextPage]).toEqual([['p01', 'p04'], true]);
    expect(ids(await run(handler, AGENT, { groupId: 'desk' }, 2, 'p04'))).toEqual(['p05']);
    expect(ids(await run(handler, NORTHWIND, { groupId: 'net' }))).toEqual(['p03', 'p05']);
  });

  it('walks a large group in batches without asking the store for more than a page', async () => {
    const members = Array.from({ length: ID_BATCH * 4 + 10 }, (_, i) => `m${String(i).padStart(4, '0')}`);
    // Only every 50th member is active: a page of 3 active ones spans several batches.
    const people = new InMemoryPeopleQueries(members.map((id, i) => aPerson(id, { active: i % 50 === 0 })));
    const handler = new PeopleHandler(people, new InMemoryGroupQueries([aGroup('big', { memberIds: [...members].reverse() })]));
    const page = await run(handler, AGENT, { groupId: 'big', active: true }, 3);
    expect([ids(page), page.hasNextPage]).toEqual([['m0000', 'm0050', 'm0100'], true]);
    const rest = await run(handler, AGENT, { groupId: 'big', active: true }, 50, 'm0100');
    expect(ids(rest)).toEqual(['m0150', 'm0200', 'm0250', 'm0300', 'm0350', 'm0400']);
    expect(people.finds.every((call) => call.page.limit <= 51)).toBe(true);
  });

  it('answers a group the viewer may not see as not found', async () => {
    const { handler } = setUp();
    await expect(run(handler, NORTHWIND, { groupId: 'desk' })).rejects.toMatchObject({ code: DirectoryErrorCode.GroupNotFound });
    await expect(run(handler, REQUESTER, { groupId: 'net' })).rejects.toMatchObject({ code: DirectoryErrorCode.GroupNotFound });
    await expect(run(handler, AGENT, { groupId: 'nope' })).rejects.toMatchObject({ code: DirectoryErrorCode.GroupNotFound });
  });

  it('refuses a page size out of range and blank or overlong filter text with DIRECTORY.INVALID_INPUT naming the field', async () => {
    const { handler } = setUp();
    for (const [filter, first, field] of [
      [{}, 0, 'first'],
      [{}, 201, 'first'],
      [{ userNameContains: '  ' }, 10, 'userNameContains'],
      [{ email: 'x'.repeat(255) }, 10, 'email'],
    ] as const) {
      const error: unknown = await run(handler, AGENT, filter, first).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DirectoryError);
      expect(error).toMatchObject({ code: DirectoryErrorCode.InvalidInput, details: { field } });
    }
  });
});
