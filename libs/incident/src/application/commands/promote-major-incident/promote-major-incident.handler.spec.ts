import { IncidentErrorCode } from '../../../domain';
import { AGENT, anIncident, FixedClock, INCIDENT_MANAGER, InMemoryIncidents, REQUESTER, T0 } from '../../../test-fixtures/in-memory-stores';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { PromoteMajorIncidentCommand } from './promote-major-incident.command';
import { PromoteMajorIncidentHandler } from './promote-major-incident.handler';

describe('PromoteMajorIncidentHandler', () => {
  const setup = () => {
    const incident = anIncident();
    const store = new InMemoryIncidents().add(incident);
    return { incident, store, handler: new PromoteMajorIncidentHandler(new IncidentCommandRunner(store, new FixedClock(T0))) };
  };

  it('lets an incident manager promote an incident to major', async () => {
    const { incident, store, handler } = setup();
    expect((await handler.execute(INCIDENT_MANAGER, new PromoteMajorIncidentCommand(incident.id))).major).toBe('promoted');
    expect(store.saved).toEqual([expect.objectContaining({ events: [expect.objectContaining({ type: 'itsm.incident.major-promoted.v1', data: expect.objectContaining({ by: INCIDENT_MANAGER.userId, at: T0.toISOString() }) })] })]);
  });

  it('refuses an agent (INCIDENT.FORBIDDEN), and saves nothing', async () => {
    const { incident, store, handler } = setup();
    await expect(handler.execute(AGENT, new PromoteMajorIncidentCommand(incident.id))).rejects.toMatchObject({ code: IncidentErrorCode.Forbidden });
    expect(store.saved).toEqual([]);
  });

  it('answers INCIDENT.NOT_FOUND to a requester who is not the caller (no existence leak)', async () => {
    const { store, handler } = setup();
    const someoneElses = anIncident({ callerId: 'u-other' });
    store.add(someoneElses);
    await expect(handler.execute(REQUESTER, new PromoteMajorIncidentCommand(someoneElses.id))).rejects.toMatchObject({ code: IncidentErrorCode.NotFound });
  });

  it('writes nothing when the incident is already major', async () => {
    const { incident, store, handler } = setup();
    await handler.execute(INCIDENT_MANAGER, new PromoteMajorIncidentCommand(incident.id));
    await handler.execute(INCIDENT_MANAGER, new PromoteMajorIncidentCommand(incident.id));
    expect(store.saved).toHaveLength(1);
  });
});
