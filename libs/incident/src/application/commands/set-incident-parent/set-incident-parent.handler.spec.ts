import { IncidentErrorCode } from '../../../domain';
import { AGENT, anIncident, FixedClock, InMemoryIncidents, T0 } from '../../../test-fixtures/in-memory-stores';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { SetIncidentParentCommand } from './set-incident-parent.command';
import { SetIncidentParentHandler } from './set-incident-parent.handler';

describe('SetIncidentParentHandler', () => {
  const setup = () => {
    const [parent, child] = [anIncident(), anIncident()];
    const store = new InMemoryIncidents().add(parent, child);
    const handler = new SetIncidentParentHandler(new IncidentCommandRunner(store, new FixedClock(T0)), store, store);
    return { parent, child, store, handler };
  };

  it('makes the incident a child of an existing active incident', async () => {
    const { parent, child, store, handler } = setup();
    expect((await handler.execute(AGENT, new SetIncidentParentCommand(child.id, parent.id))).parentId).toBe(parent.id);
    expect(store.savedTypes()).toEqual(['itsm.incident.parent-changed.v1']);
  });

  it('answers INCIDENT.INVALID_PARENT when the parent does not exist, and saves nothing', async () => {
    const { child, store, handler } = setup();
    await expect(handler.execute(AGENT, new SetIncidentParentCommand(child.id, '0123456789abcdef01234567'))).rejects.toMatchObject({ code: IncidentErrorCode.InvalidParent });
    expect(store.saved).toEqual([]);
  });

  it('refuses to make a parent (an incident with children) a child', async () => {
    const { parent, child, store, handler } = setup();
    await handler.execute(AGENT, new SetIncidentParentCommand(child.id, parent.id));
    const other = anIncident();
    store.add(other);
    await expect(handler.execute(AGENT, new SetIncidentParentCommand(parent.id, other.id))).rejects.toMatchObject({ code: IncidentErrorCode.InvalidParent });
    expect(store.saved).toHaveLength(1);
  });

  it('writes nothing when an incident without a parent is set to no parent', async () => {
    const { child, store, handler } = setup();
    expect((await handler.execute(AGENT, new SetIncidentParentCommand(child.id, null))).parentId).toBeNull();
    expect(store.saved).toEqual([]);
  });
});
