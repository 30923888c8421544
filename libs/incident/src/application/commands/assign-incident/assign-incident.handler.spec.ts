import { IncidentErrorCode } from '../../../domain';
import { AGENT, anIncident, FixedClock, InMemoryIncidents, InMemoryReferenceData, SERVICE_DESK, T0 } from '../../../test-fixtures/in-memory-stores';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { AssignIncidentCommand } from './assign-incident.command';
import { AssignIncidentHandler } from './assign-incident.handler';

describe('AssignIncidentHandler', () => {
  const setup = () => {
    const incident = anIncident();
    const store = new InMemoryIncidents().add(incident);
    const handler = new AssignIncidentHandler(new IncidentCommandRunner(store, new FixedClock(T0)), new InMemoryReferenceData([SERVICE_DESK]));
    return { incident, store, handler };
  };

  it('assigns to a known group; taking a new ticket starts the work', async () => {
    const { incident, store, handler } = setup();
    const assigned = await handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'service-desk', 'u-alice'));
    expect(assigned).toMatchObject({ assignmentGroupId: 'service-desk', assignedOrgId: 'contoso', assigneeId: 'u-alice', state: 'in_progress' });
    expect(store.savedTypes()).toEqual(['itsm.incident.assigned.v1', 'itsm.incident.work-started.v1']);
  });

  it('answers INCIDENT.UNKNOWN_GROUP for a group that does not exist, and saves nothing', async () => {
    const { incident, store, handler } = setup();
    await expect(handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'no-such-group', null))).rejects.toMatchObject({ code: IncidentErrorCode.UnknownGroup });
    expect(store.saved).toEqual([]);
  });

  it('writes nothing when the incident already has this group and assignee', async () => {
    const { incident, store, handler } = setup();
    await handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'service-desk', null));
    const again = await handler.execute(AGENT, new AssignIncidentCommand(incident.id, 'service-desk', null));
    expect(again.assignmentGroupId).toBe('service-desk');
    expect(store.saved).toHaveLength(1);
  });

  it('answers INCIDENT.NOT_FOUND for an incident that does not exist', async () => {
    const { store, handler } = setup();
    await expect(handler.execute(AGENT, new AssignIncidentCommand('0123456789abcdef01234567', 'service-desk', null))).rejects.toMatchObject({ code: IncidentErrorCode.NotFound });
    expect(store.saved).toEqual([]);
  });
});
