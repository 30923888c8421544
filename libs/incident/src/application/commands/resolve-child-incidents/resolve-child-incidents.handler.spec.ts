import { after, anEnvelope, anIncident, FixedClock, InMemoryIncidents, T0 } from '../../../test-fixtures/in-memory-stores';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { ResolveChildIncidentsCommand } from './resolve-child-incidents.command';
import { ResolveChildIncidentsHandler } from './resolve-child-incidents.handler';

describe('ResolveChildIncidentsHandler', () => {
  it('resolves the active children with the parent, and skips one that was canceled', async () => {
    const parent = anIncident();
    const parentRef = { id: parent.id, parentId: null, state: parent.state };
    const child = after(anIncident(), T0, { kind: 'set-parent', parent: parentRef, hasChildren: false });
    const canceled = after(anIncident(), T0, { kind: 'set-parent', parent: parentRef, hasChildren: false }, { kind: 'cancel', reason: 'Duplicate.' });
    const store = new InMemoryIncidents().add(parent, child, canceled);
    const handler = new ResolveChildIncidentsHandler(new IncidentCommandRunner(store, new FixedClock(T0)), store, store);

    await handler.execute(new ResolveChildIncidentsCommand(parent.id, 'fixed', 'Router replaced.', anEnvelope(parent.id, 'itsm.incident.resolved.v1')));

    expect(store.items.get(child.id)?.resolution).toMatchObject({ code: 'fixed', notes: `Resolved with parent incident ${parent.number}: Router replaced.`, cause: 'parent', causeId: parent.id });
    expect(store.items.get(canceled.id)?.state).toBe('canceled');
    expect(store.saved.map((s) => s.id)).toEqual([child.id]);
    expect(store.items.get(child.id)?.resolution?.by).toBe('system');
  });
});
