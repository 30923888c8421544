import { DEFAULT_MAJOR_INCIDENT_RULES } from '../../../domain';
import { anEnvelope, anIncident, FixedClock, InMemoryIncidents, T0 } from '../../../test-fixtures/in-memory-stores';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { ConsiderMajorIncidentCommand } from './consider-major-incident.command';
import { ConsiderMajorIncidentHandler } from './consider-major-incident.handler';

describe('ConsiderMajorIncidentHandler', () => {
  const settings = { autoCloseDays: 7, autoCloseIntervalMs: 60_000, majorIncidentRules: { ...DEFAULT_MAJOR_INCIDENT_RULES, clusterSize: 3, clusterWindowMinutes: 60 } };
  const setup = () => {
    const clock = new FixedClock(new Date(T0.getTime() + 30 * 60_000));
    const store = new InMemoryIncidents();
    return { store, handler: new ConsiderMajorIncidentHandler(new IncidentCommandRunner(store, clock), store, store, clock, settings) };
  };

  it('proposes a P1 incident as major, recording the event that asked', async () => {
    const { store, handler } = setup();
    const p1 = anIncident({ impact: 1, urgency: 1 });
    store.add(p1);
    const opened = anEnvelope(p1.id, 'itsm.incident.opened.v1', 1);
    await handler.execute(new ConsiderMajorIncidentCommand(p1.id, opened));
    expect(store.items.get(p1.id)).toMatchObject({ major: 'proposed', majorReasons: ['priority P1'] });
    expect(store.saved).toEqual([expect.objectContaining({ consumed: opened })]);
  });

  it('proposes an incident in a cluster on one service within the window, and not one outside it', async () => {
    const { store, handler } = setup();
    const recent = [anIncident({ serviceId: 'svc-mail' }), anIncident({ serviceId: 'svc-mail' }), anIncident({ serviceId: 'svc-mail' })];
    store.add(...recent, anIncident({ serviceId: 'svc-mail' }, new Date(T0.getTime() - 2 * 60 * 60_000)));
    await handler.execute(new ConsiderMajorIncidentCommand(recent[0]!.id, anEnvelope(recent[0]!.id, 'itsm.incident.opened.v1', 1)));
    expect(store.items.get(recent[0]!.id)?.majorReasons).toEqual(['3 active incidents on service svc-mail within 60 min']);
  });

  it('writes nothing when no rule matches', async () => {
    const { store, handler } = setup();
    const p3 = anIncident({ serviceId: 'svc-mail' });
    store.add(p3);
    await handler.execute(new ConsiderMajorIncidentCommand(p3.id, anEnvelope(p3.id, 'itsm.incident.opened.v1', 1)));
    expect(store.saved).toEqual([]);
  });
});
