import { IncidentErrorCode } from '../../../domain';
import { DirectoryFeed } from '@itsm/testing';
import { InMemoryDirectory, serviceDesk } from '../../../test-fixtures/in-memory-directory';
import { AGENT, anIncident, FixedClock, InMemoryIncidents, T0 } from '../../../test-fixtures/in-memory-stores';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { AssignIncidentCommand } from './assign-incident.command';
import { AssignIncidentHandler } from './assign-incident.handler';

describe('AssignIncidentHandler', () => {
  const setup = async () => {
    const incident = anIncident();
    const store = new InMemoryIncidents().add(incident);
    const feed = new DirectoryFeed();
    const directory = await new InMemoryDirectory().feed(...serviceDesk(feed));
    const handler = new AssignIncidentHandler(new IncidentCommandRunner(store, new FixedClock(T0)), directory);
    return { incident, store, handler, feed, directory };
  };

  it('assigns to a known group; taking a new ticket starts the work', async () => {
    const { incident, store, handler } = await setup();
    const assigned = await handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'service-desk', 'u-alice'));
    expect(assigned).toMatchObject({ assignmentGroupId: 'service-desk', assignedOrgId: 'contoso', assigneeId: 'u-alice', state: 'in_progress' });
    expect(store.savedTypes()).toEqual(['itsm.incident.assigned.v1', 'itsm.incident.work-started.v1']);
  });

  it('answers INCIDENT.UNKNOWN_GROUP for a group that does not exist, and saves nothing', async () => {
    const { incident, store, handler } = await setup();
    await expect(handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'no-such-group', null))).rejects.toMatchObject({ code: IncidentErrorCode.UnknownGroup });
    expect(store.saved).toEqual([]);
  });

  it('writes nothing when the incident already has this group and assignee', async () => {
    const { incident, store, handler } = await setup();
    await handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'service-desk', null));
    const again = await handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'service-desk', null));
    expect(again.assignmentGroupId).toBe('service-desk');
    expect(store.saved).toHaveLength(1);
  });

  it('answers INCIDENT.NOT_FOUND for an incident that does not exist', async () => {
    const { store, handler } = await setup();
    await expect(handler.execute(AGENT, new AssignIncidentCommand('0123456789abcdef01234567', 'service-desk', null))).rejects.toMatchObject({ code: IncidentErrorCode.NotFound });
    expect(store.saved).toEqual([]);
  });

  it('takes the assignee by user name, case-insensitively (a token subject names a person so)', async () => {
    const { incident, handler } = await setup();
    const assigned = await handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'service-desk', 'u-alice'));
    expect(assigned.assigneeId).toBe('u-alice');
  });

  it('answers INCIDENT.ASSIGNEE_INACTIVE for a member the directory deactivated, and saves nothing', async () => {
    const { incident, store, handler, feed, directory } = await setup();
    await directory.feed(feed.person({ personId: 'p-alice', userName: 'U-Alice', organisationId: 'contoso' }, 'itsm.directory.person-deactivated.v1'));
    await expect(handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'service-desk', 'u-alice'))).rejects.toMatchObject({ code: IncidentErrorCode.AssigneeInactive });
    expect(store.saved).toEqual([]);
    await directory.feed(feed.person({ personId: 'p-alice', userName: 'U-Alice', organisationId: 'contoso' }, 'itsm.directory.person-reactivated.v1'));
    expect((await handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'service-desk', 'u-alice'))).assigneeId).toBe('u-alice');
  });

  it('answers INCIDENT.ASSIGNEE_NOT_IN_GROUP once the directory removed the member', async () => {
    const { incident, handler, feed, directory } = await setup();
    await directory.feed(feed.membersRemoved('service-desk', ['p-alice']));
    await expect(handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'service-desk', 'u-alice'))).rejects.toMatchObject({ code: IncidentErrorCode.AssigneeNotInGroup });
  });

  it('refuses groups of a deactivated organisation (INCIDENT.GROUP_NOT_ASSIGNABLE) and groups of another kind (INCIDENT.UNKNOWN_GROUP)', async () => {
    const { incident, handler, feed, directory } = await setup();
    await directory.feed(feed.group({ groupId: 'cab', name: 'CAB', kind: 'cab', organisationId: 'contoso' }), feed.membersAdded('cab', ['p-agent']));
    await expect(handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'cab', 'u-agent'))).rejects.toMatchObject({ code: IncidentErrorCode.UnknownGroup });
    await directory.feed(feed.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal', active: false }));
    await expect(handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'service-desk', null))).rejects.toMatchObject({ code: IncidentErrorCode.GroupNotAssignable });
  });
});
