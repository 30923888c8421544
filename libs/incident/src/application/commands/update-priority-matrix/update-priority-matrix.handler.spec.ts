import { IncidentErrorCode } from '../../../domain';
import type { Viewer } from '../../../domain';
import { after, AGENT, anIncident, FixedClock, InMemoryIncidents, InMemoryReferenceData, T0 } from '../../../test-fixtures/in-memory-stores';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { ApplyPriorityMatrixHandler } from '../apply-priority-matrix/apply-priority-matrix.handler';
import { UpdatePriorityMatrixHandler } from './update-priority-matrix.handler';

describe('UpdatePriorityMatrixHandler', () => {
  const ADMIN: Viewer = { userId: 'u-admin', roles: ['admin'], orgId: undefined };
  const ALL_P4 = [[4, 4, 4], [4, 4, 4], [4, 4, 4]];

  const setup = () => {
    const clock = new FixedClock(T0);
    const store = new InMemoryIncidents();
    const reference = new InMemoryReferenceData();
    const apply = new ApplyPriorityMatrixHandler(new IncidentCommandRunner(store, clock), reference);
    return { store, reference, handler: new UpdatePriorityMatrixHandler(reference, store, apply, clock) };
  };

  it('replaces the matrix and re-prioritises the active incidents whose priority changes', async () => {
    const { store, reference, handler } = setup();
    const p3 = anIncident({ impact: 2, urgency: 2 });
    const p4 = anIncident({ impact: 2, urgency: 3 });
    const resolved = after(anIncident({ impact: 1, urgency: 1 }), T0, { kind: 'resolve', code: 'fixed', notes: 'Done.', cause: 'manual', causeId: null });
    store.add(p3, p4, resolved);

    const { setting, reprioritised } = await handler.execute(ADMIN, { cells: ALL_P4, expectedVersion: 0, reprioritise: true });

    expect(setting).toMatchObject({ version: 1, updatedBy: ADMIN.userId, updatedAt: T0 });
    expect(reprioritised).toBe(1);
    expect(store.items.get(p3.id)?.priority).toBe(4);
    expect(store.items.get(resolved.id)?.priority).toBe(1);
    expect(store.saved.map((s) => s.id)).toEqual([p3.id]);
    expect(reference.setting.matrix[0]).toEqual([4, 4, 4]);
  });

  it('refuses anyone but an admin, and changes nothing', async () => {
    const { reference, handler } = setup();
    await expect(handler.execute(AGENT, { cells: ALL_P4, expectedVersion: 0, reprioritise: true })).rejects.toMatchObject({ code: IncidentErrorCode.Forbidden });
    expect(reference.setting.version).toBe(0);
  });

  it('answers INCIDENT.CONFLICT when the matrix changed since the admin loaded it', async () => {
    const { handler } = setup();
    await expect(handler.execute(ADMIN, { cells: ALL_P4, expectedVersion: 7, reprioritise: false })).rejects.toMatchObject({ code: IncidentErrorCode.Conflict });
  });
});
