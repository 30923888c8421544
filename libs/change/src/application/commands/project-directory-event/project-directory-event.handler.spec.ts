import type { DirectoryEvent } from '@itsm/platform/persistence';
import { DirectoryFeed } from '@itsm/testing';
import { ChangeErrorCode } from '../../../domain';
import { changeDirectory, InMemoryPeople } from '../../test-fixtures/in-memory-people';
import { ProjectDirectoryEventCommand } from './project-directory-event.command';
import { ProjectDirectoryEventHandler } from './project-directory-event.handler';

describe('ProjectDirectoryEventHandler and the People it feeds', () => {
  const setup = async () => {
    const feed = new DirectoryFeed();
    const people = new InMemoryPeople();
    const handler = new ProjectDirectoryEventHandler(people.projection);
    const apply = async (...events: DirectoryEvent[]) => {
      const outcomes: string[] = [];
      for (const event of events) outcomes.push(await handler.execute(new ProjectDirectoryEventCommand(event)));
      return outcomes;
    };
    await apply(...changeDirectory(feed));
    return { feed, people, apply };
  };

  it('projects a person with their organisation, time zone and roles, their groups roles included', async () => {
    const { people } = await setup();
    const found = await people.people(['p-implementer', 'p-manager', 'p-gone', 'p-nobody']);
    expect(found.get('p-implementer')).toEqual({ id: 'p-implementer', displayName: 'p-implementer', active: true, organisationId: 'contoso', roles: ['implementer'], timeZone: 'Europe/Zurich' });
    expect(found.get('p-manager')?.roles).toEqual(['change-manager']);
    expect(found.get('p-gone')).toMatchObject({ active: false });
    expect(found.has('p-nobody')).toBe(false);
  });

  it('projects a group with its kind, organisation and its kind, roles and active members only', async () => {
    const { people } = await setup();
    expect(await people.group('g-network')).toEqual({ id: 'g-network', name: 'Network', kind: 'assignment', organisationId: 'contoso', organisationKind: 'internal', memberIds: ['p-implementer'], roles: ['implementer'] });
    expect(await people.group('g-fabrikam-ops')).toMatchObject({ organisationId: 'fabrikam', organisationKind: 'supplier', memberIds: ['p-supplier'] });
    expect(await people.group('g-unknown')).toBeUndefined();
  });

  it('lists active holders of a role, directly or through a group, by id and at most `limit`', async () => {
    const { people } = await setup();
    expect((await people.withRole('cab-member', 10)).map((p) => p.id)).toEqual(['p-cab-1', 'p-cab-2', 'p-cab-3']);
    expect((await people.withRole('cab-member', 2)).map((p) => p.id)).toEqual(['p-cab-1', 'p-cab-2']);
    expect((await people.withRole('implementer', 10)).map((p) => p.id)).toEqual(['p-implementer', 'p-supplier']);
    expect((await people.withRole('change-manager', 10)).map((p) => p.id)).toEqual(['p-manager']);
    expect(await people.withRole('admin', 10)).toEqual([]);
  });

  it('follows membership: a removed member loses the group roles; a deactivated one leaves role holders', async () => {
    const { feed, people, apply } = await setup();
    await apply(feed.membersRemoved('g-cab', ['p-cab-3']), feed.person({ personId: 'p-cab-2', userName: 'p-cab-2', organisationId: 'contoso' }, 'itsm.directory.person-deactivated.v1'));
    expect((await people.people(['p-cab-3'])).get('p-cab-3')?.roles).toEqual([]);
    expect((await people.withRole('cab-member', 10)).map((p) => p.id)).toEqual(['p-cab-1']);
    expect((await people.group('g-cab'))?.memberIds).toEqual(['p-cab-1']);
  });

  it('applies a duplicate or an older event of a record not at all', async () => {
    const { feed, people, apply } = await setup();
    const renamed = feed.person({ personId: 'p-requester', userName: 'p-requester', displayName: 'Rita Requester', organisationId: 'contoso' }, 'itsm.directory.person-updated.v1');
    const older = { ...renamed, id: 'older', sequence: renamed.sequence - 1, data: { ...renamed.data, displayName: 'Old name' } } as DirectoryEvent;
    expect(await apply(renamed, renamed, older)).toEqual(['applied', 'duplicate', 'duplicate']);
    expect((await people.people(['p-requester'])).get('p-requester')?.displayName).toBe('Rita Requester');
  });

  it('keeps deleted people and groups as tombstones an older event cannot revive', async () => {
    const { feed, people, apply } = await setup();
    const renamed = feed.person({ personId: 'p-cab-1', userName: 'p-cab-1', roles: ['change-manager'] }, 'itsm.directory.person-updated.v1');
    expect(await apply(feed.personDeleted('p-cab-1', 'p-cab-1'), renamed)).toEqual(['applied', 'duplicate']);
    expect((await people.people(['p-cab-1'])).size).toBe(0);
    expect((await people.withRole('cab-member', 10)).map((p) => p.id)).toEqual(['p-cab-2', 'p-cab-3']);
    const saved = feed.group({ groupId: 'g-cab', name: 'CAB', kind: 'cab', roles: ['cab-member'] });
    expect(await apply(feed.groupDeleted('g-cab'), saved)).toEqual(['applied', 'duplicate']);
    expect(await people.group('g-cab')).toBeUndefined();
    expect(await people.withRole('cab-member', 10)).toEqual([]);
  });

  it('knows a group only from member batches once it is saved', async () => {
    const { feed, people, apply } = await setup();
    await apply(feed.membersAdded('g-late', ['p-requester']));
    expect(await people.group('g-late')).toBeUndefined();
    await apply(feed.group({ groupId: 'g-late', name: 'Late', kind: 'approval', roles: ['approver'] }));
    expect(await people.group('g-late')).toMatchObject({ kind: 'approval', organisationId: null, organisationKind: null, memberIds: ['p-requester'] });
  });

  it('refuses an event keyed by another record than the one it describes (CHANGE.INVALID_PROJECTION_EVENT)', async () => {
    const { feed, apply } = await setup();
    const misKeyed: DirectoryEvent = { ...feed.organisation({ organisationId: 'northwind' }), subject: 'contoso' };
    await expect(apply(misKeyed)).rejects.toMatchObject({ code: ChangeErrorCode.InvalidProjectionEvent });
  });
});
