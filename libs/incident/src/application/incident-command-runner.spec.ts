import { IncidentErrorCode } from '../domain';
import { AGENT, anIncident, FixedClock, InMemoryIncidents, T0 } from '../test-fixtures/in-memory-stores';
import { IncidentCommandRunner } from './incident-command-runner';

describe('IncidentCommandRunner', () => {
  it('answers INCIDENT.CONFLICT when other writers keep winning the race', async () => {
    const incident = anIncident();
    const store = new InMemoryIncidents().add(incident);
    for (let i = 0; i < 3; i += 1) store.loseNextSave((current) => current);
    const runner = new IncidentCommandRunner(store, new FixedClock(T0), 3);
    await expect(runner.runAs(AGENT, incident.id, { kind: 'start-work' })).rejects.toMatchObject({ code: IncidentErrorCode.Conflict });
    expect(store.saved).toEqual([]);
  });

  it('answers INCIDENT.NOT_FOUND for an unknown id', async () => {
    const runner = new IncidentCommandRunner(new InMemoryIncidents(), new FixedClock(T0));
    await expect(runner.runAs(AGENT, '0123456789abcdef01234567', { kind: 'start-work' })).rejects.toMatchObject({ code: IncidentErrorCode.NotFound });
  });

  it('decides with the time of the clock and the viewer as the actor', async () => {
    const incident = anIncident();
    const store = new InMemoryIncidents().add(incident);
    const at = new Date(T0.getTime() + 5 * 60_000);
    const outcome = await new IncidentCommandRunner(store, new FixedClock(at)).runAs(AGENT, incident.id, { kind: 'start-work' });
    expect(outcome).toMatchObject({ changed: true, aggregate: { state: 'in_progress', updatedAt: at } });
    expect(store.saved[0]?.events[0]?.data).toMatchObject({ by: AGENT.userId, at: at.toISOString() });
  });
});
