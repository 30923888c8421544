import { DirectoryFeed } from '@itsm/testing';
import type { DirectoryEvent } from '../../../domain';
import { IncidentErrorCode } from '../../../domain';
import { InMemoryDirectory, serviceDesk } from '../../../test-fixtures/in-memory-directory';
import { ProjectDirectoryEventCommand } from './project-directory-event.command';
import { ProjectDirectoryEventHandler } from './project-directory-event.handler';

describe('ProjectDirectoryEventHandler', () => {
  const setup = async () => {
    const feed = new DirectoryFeed();
    const directory = new InMemoryDirectory();
    const handler = new ProjectDirectoryEventHandler(directory);
    const apply = async (...events: DirectoryEvent[]) => {
      const outcomes: string[] = [];
      for (const event of events) outcomes.push(await handler.execute(new ProjectDirectoryEventCommand(event)));
      return outcomes;
    };
    await apply(...serviceDesk(feed));
    return { feed, directory, apply };
  };

  it('projects organisations, people (user names lower-cased) and groups with their members', async () => {
    const { directory } = await setup();
    expect(await directory.organisation('contoso')).toEqual({ id: 'contoso', name: 'Contoso', kind: 'internal', active: true });
    expect(await directory.group('service-desk')).toEqual({
      id: 'service-desk',
      name: 'Service Desk',
      kind: 'assignment',
      orgId: 'contoso',
      organisationActive: true,
      members: ['u-agent', 'u-alice'],
      inactiveMembers: [],
    });
  });

  it('applies a duplicate or an older event of a record not at all', async () => {
    const { feed, directory, apply } = await setup();
    const deactivated = feed.person({ personId: 'p-alice', userName: 'u-alice' }, 'itsm.directory.person-deactivated.v1');
    const older = { ...deactivated, id: 'older', sequence: deactivated.sequence - 1, data: { ...deactivated.data, active: true } };
    expect(await apply(deactivated, deactivated, older as DirectoryEvent)).toEqual(['applied', 'duplicate', 'duplicate']);
    expect((await directory.group('service-desk'))?.inactiveMembers).toEqual(['u-alice']);
  });

  it('follows member batches in order; adding twice or removing an absent member changes nothing', async () => {
    const { feed, directory, apply } = await setup();
    await apply(feed.person({ personId: 'p-bob', userName: 'u-bob' }), feed.membersAdded('service-desk', ['p-bob', 'p-agent']), feed.membersRemoved('service-desk', ['p-agent', 'p-nobody']));
    expect((await directory.group('service-desk'))?.members).toEqual(['u-alice', 'u-bob']);
  });

  it('keeps a deleted person and a deleted group as tombstones an older event cannot revive', async () => {
    const { feed, directory, apply } = await setup();
    const renamed = feed.person({ personId: 'p-agent', userName: 'u-agent' }, 'itsm.directory.person-updated.v1');
    const deleted = feed.personDeleted('p-agent', 'u-agent');
    expect(await apply(deleted, renamed)).toEqual(['applied', 'duplicate']);
    expect((await directory.group('service-desk'))?.members).toEqual(['u-alice']);
    const groupDeleted = feed.groupDeleted('service-desk');
    await apply(groupDeleted);
    expect(await directory.group('service-desk')).toBeUndefined();
  });

  it('keeps groups of other kinds with their members, unknown to assignment until their kind is assignment', async () => {
    const { feed, directory, apply } = await setup();
    await apply(feed.group({ groupId: 'on-call', name: 'On call', kind: 'on_call' }), feed.membersAdded('on-call', ['p-agent']));
    expect((await directory.group('on-call'))?.kind).toBe('on_call');
    await apply(feed.group({ groupId: 'on-call', name: 'On call', kind: 'assignment' }));
    expect(await directory.group('on-call')).toMatchObject({ kind: 'assignment', orgId: null, organisationActive: true, members: ['u-agent'] });
  });

  it('refuses an event whose subject is not the record it describes (INCIDENT.INVALID_DIRECTORY_EVENT)', async () => {
    const { feed, apply } = await setup();
    const event = feed.organisation({ organisationId: 'fabrikam', kind: 'customer' });
    const misKeyed: DirectoryEvent = { ...event, subject: 'contoso' };
    await expect(apply(misKeyed)).rejects.toMatchObject({ code: IncidentErrorCode.InvalidDirectoryEvent });
  });
});
