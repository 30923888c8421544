import { toPriorityMatrix } from '../../../domain';
import { AGENT, anIncident, FixedClock, InMemoryIncidents, InMemoryReferenceData, T0 } from '../../../test-fixtures/in-memory-stores';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { ChangeIncidentImpactUrgencyCommand } from './change-incident-impact-urgency.command';
import { ChangeIncidentImpactUrgencyHandler } from './change-incident-impact-urgency.handler';

describe('ChangeIncidentImpactUrgencyHandler', () => {
  const setup = () => {
    const incident = anIncident({ impact: 2, urgency: 2 });
    const store = new InMemoryIncidents().add(incident);
    const reference = new InMemoryReferenceData();
    return { incident, store, reference, handler: new ChangeIncidentImpactUrgencyHandler(new IncidentCommandRunner(store, new FixedClock(T0)), reference) };
  };

  it('re-prioritises with the matrix in force, not the default one', async () => {
    const { incident, store, reference, handler } = setup();
    // Every cell P4, except impact 1 / urgency 3 -> P2.
    reference.setting = { ...reference.setting, matrix: toPriorityMatrix([[4, 4, 2], [4, 4, 4], [4, 4, 4]]), version: 3 };
    const changed = await handler.execute(AGENT, new ChangeIncidentImpactUrgencyCommand(incident.id, 1, 3));
    expect(changed).toMatchObject({ impact: 1, urgency: 3, priority: 2 });
    expect(store.saved[0]?.events).toEqual([expect.objectContaining({ type: 'itsm.incident.reprioritised.v1', data: expect.objectContaining({ cause: 'impact_urgency', previousPriority: 3, priority: 2 }) })]);
  });

  it('writes nothing when impact, urgency and priority stay the same', async () => {
    const { incident, store, handler } = setup();
    expect(await handler.execute(AGENT, new ChangeIncidentImpactUrgencyCommand(incident.id, 2, 2))).toEqual(incident);
    expect(store.saved).toEqual([]);
  });
});
