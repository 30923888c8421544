import { verifyChain } from '../../domain';
import { changeWorld, storedChange } from '../test-fixtures/change-fixtures';
import { GateChangesService } from './gate-changes.service';

describe("the gate's view of the change store", () => {
  it('finds the changes naming a CI in the given states, and one change by number or id', async () => {
    const world = await changeWorld();
    const gate = new GateChangesService(world.changes, world.runner);
    const onA = await storedChange(world);
    await storedChange(world, { configurationItemIds: ['ci-b'] });
    expect(await gate.naming('ci-a', ['new'], 10)).toEqual([expect.objectContaining({ id: onA.id, number: onA.number, state: 'new', authorised: false, planned: onA.planned })]);
    expect(await gate.naming('ci-a', ['scheduled'], 10)).toEqual([]);
    expect((await gate.byReference(onA.number))?.id).toBe(onA.id);
    expect((await gate.byReference(onA.id))?.number).toBe(onA.number);
    expect(await gate.byReference('CHG9999999')).toBeUndefined();
  });

  it('appends an answer to the change: the gate-answered event, its audit entry, the state unchanged', async () => {
    const world = await changeWorld();
    const gate = new GateChangesService(world.changes, world.runner);
    const change = await storedChange(world);
    const at = world.clock.now();
    await gate.recordAnswer(change.id, { ciId: 'ci-a', pipeline: 'deploy #3', allowed: false, reason: 'window opens later', by: 'pipeline:t1', at });
    const stored = world.changes.items.get(change.id);
    expect(stored?.change).toEqual({ ...change, version: change.version + 1 });
    expect(world.changes.saved.at(-1)?.events).toEqual([
      { type: 'itsm.change.gate-answered.v1', data: expect.objectContaining({ changeId: change.id, state: 'new', ciId: 'ci-a', pipeline: 'deploy #3', allowed: false, reason: 'window opens later', by: 'pipeline:t1', at: at.toISOString() }) },
    ]);
    expect(stored?.audit.map((entry) => [entry.type, entry.by])).toEqual([
      ['itsm.change.requested.v1', 'p-requester'],
      ['itsm.change.gate-answered.v1', 'pipeline:t1'],
    ]);
    expect(verifyChain(stored?.audit ?? [])).toMatchObject({ ok: true });
  });
});
