import { CatalogueErrorCode } from '../catalogue.errors';
import { definePlan } from './fulfilment-plan';
import type { PlanTaskDraft } from './fulfilment-plan';
import type { TaskAction, TaskStates } from './fulfilment-task';
import { actOnTask, approveItem, cancelItem, itemOutcome, newItemFulfilment, rejectItem, releasable } from './item-fulfilment';
import type { FulfilmentStep, ItemFulfilment } from './item-fulfilment';

const task = (key: string, predecessors: string[] = []): PlanTaskDraft => ({ key, title: key, groupId: `g-${key}`, variables: [], predecessors });

/** a -> b, a -> c, b + c -> d: two parallel tasks, then one after both. */
const diamond = definePlan({ tasks: [task('a'), task('b', ['a']), task('c', ['a']), task('d', ['b', 'c'])] });

const released = (step: FulfilmentStep): string[] =>
  step.facts.flatMap((f) => (f.type === 'task_state_changed' && f.previousState === 'pending' && f.state === 'open' ? [f.taskKey] : []));
const canceled = (step: FulfilmentStep): string[] =>
  step.facts.flatMap((f) => (f.type === 'task_state_changed' && f.state === 'canceled' ? [f.taskKey] : []));
const itemMoves = (step: FulfilmentStep): string[] => step.facts.flatMap((f) => (f.type === 'item_state_changed' ? [`${f.previousState}->${f.state}`] : []));

function run(item: ItemFulfilment, ...actions: [string, TaskAction][]): ItemFulfilment {
  return actions.reduce((current, [key, action]) => actOnTask(diamond, current, key, action).item, item);
}

function illegal(run: () => unknown, details: Record<string, string>): void {
  expect(run).toThrow(expect.objectContaining({ name: 'CatalogueError', code: CatalogueErrorCode.IllegalTransition, details }));
}

const approved = (): ItemFulfilment => approveItem(diamond, newItemFulfilment(diamond)).item;

describe('the fulfilment graph', () => {
  it('releases the root on approval, b and c together after a, and d only after both', () => {
    const ordered = newItemFulfilment(diamond);
    expect(ordered).toEqual({ state: 'awaiting_approval', tasks: { a: 'pending', b: 'pending', c: 'pending', d: 'pending' } });

    const approval = approveItem(diamond, ordered);
    expect(released(approval)).toEqual(['a']);
    expect(itemMoves(approval)).toEqual(['awaiting_approval->approved']);

    const started = actOnTask(diamond, approval.item, 'a', 'start');
    expect(released(started)).toEqual([]);
    expect(itemMoves(started)).toEqual(['approved->in_fulfilment']);

    const aDone = actOnTask(diamond, started.item, 'a', 'complete');
    expect(aDone.facts[0]).toEqual({ type: 'task_state_changed', taskKey: 'a', previousState: 'in_progress', state: 'closed_complete' });
    expect(released(aDone)).toEqual(['b', 'c']);
    expect(itemMoves(aDone)).toEqual([]);

    const bDone = actOnTask(diamond, aDone.item, 'b', 'complete');
    expect(released(bDone)).toEqual([]);
    expect(bDone.item.tasks['d']).toBe('pending');

    const cDone = actOnTask(diamond, bDone.item, 'c', 'complete');
    expect(released(cDone)).toEqual(['d']);

    const dDone = actOnTask(diamond, cDone.item, 'd', 'complete');
    expect(dDone.item.state).toBe('closed_complete');
    expect(itemMoves(dDone)).toEqual(['in_fulfilment->closed_complete']);
  });

  it('lets a skipped predecessor release its successors like a completed one', () => {
    const item = run(approved(), ['a', 'complete'], ['b', 'skip']);
    const step = actOnTask(diamond, item, 'c', 'complete');
    expect(released(step)).toEqual(['d']);
    expect(actOnTask(diamond, step.item, 'd', 'skip').item.state).toBe('closed_complete');
  });

  it('closes the item incomplete when a task fails, canceling every task not closed (the parallel one too)', () => {
    const item = run(approved(), ['a', 'complete'], ['c', 'start']);
    const step = actOnTask(diamond, item, 'b', 'fail');
    expect(step.item).toEqual({ state: 'closed_incomplete', tasks: { a: 'closed_complete', b: 'closed_failed', c: 'canceled', d: 'canceled' } });
    expect(step.facts).toEqual([
      { type: 'task_state_changed', taskKey: 'b', previousState: 'open', state: 'closed_failed' },
      { type: 'task_state_changed', taskKey: 'c', previousState: 'in_progress', state: 'canceled' },
      { type: 'task_state_changed', taskKey: 'd', previousState: 'pending', state: 'canceled' },
      { type: 'item_state_changed', previousState: 'in_fulfilment', state: 'closed_incomplete' },
    ]);
  });

  it('refuses acting on a closed item, on a task not yet released and on a closed task', () => {
    const failed = run(approved(), ['a', 'fail']);
    illegal(() => actOnTask(diamond, failed, 'b', 'start'), { move: 'start', state: 'closed_incomplete', task: 'b' });
    illegal(() => actOnTask(diamond, approved(), 'd', 'start'), { move: 'start', state: 'pending', task: 'd' });
    const aDone = run(approved(), ['a', 'complete']);
    illegal(() => actOnTask(diamond, aDone, 'a', 'fail'), { move: 'fail', state: 'closed_complete', task: 'a' });
  });

  it('refuses acting on a task before approval, and names an unknown task', () => {
    illegal(() => actOnTask(diamond, newItemFulfilment(diamond), 'a', 'start'), { move: 'start', state: 'awaiting_approval', task: 'a' });
    expect(() => actOnTask(diamond, approved(), 'zz', 'start')).toThrow(expect.objectContaining({ code: CatalogueErrorCode.NotFound, details: { task: 'zz' } }));
  });
});

describe('approval, rejection and cancellation of an item', () => {
  it('rejects an item awaiting approval: no task ever released', () => {
    const step = rejectItem(diamond, newItemFulfilment(diamond));
    expect(step.item.state).toBe('rejected');
    expect(Object.values(step.item.tasks)).toEqual(['canceled', 'canceled', 'canceled', 'canceled']);
    expect(released(step)).toEqual([]);
    expect(itemMoves(step)).toEqual(['awaiting_approval->rejected']);
  });

  it('cancels an item in fulfilment: the tasks not closed are canceled, closed ones kept', () => {
    const item = run(approved(), ['a', 'complete'], ['b', 'start']);
    const step = cancelItem(diamond, item);
    expect(step.item).toEqual({ state: 'canceled', tasks: { a: 'closed_complete', b: 'canceled', c: 'canceled', d: 'canceled' } });
    expect(canceled(step)).toEqual(['b', 'c', 'd']);
    expect(itemMoves(step)).toEqual(['in_fulfilment->canceled']);
  });

  it.each([
    ['approve', (item: ItemFulfilment) => approveItem(diamond, item), ['approved', 'in_fulfilment', 'closed_complete', 'closed_incomplete', 'canceled', 'rejected']],
    ['reject', (item: ItemFulfilment) => rejectItem(diamond, item), ['approved', 'in_fulfilment', 'closed_complete', 'closed_incomplete', 'canceled', 'rejected']],
    ['cancel', (item: ItemFulfilment) => cancelItem(diamond, item), ['closed_complete', 'closed_incomplete', 'canceled', 'rejected']],
  ] as const)('refuses to %s an item in a state that does not allow it', (move, act, states) => {
    for (const state of states) illegal(() => act({ ...newItemFulfilment(diamond), state }), { move, state });
  });
});

describe('releasable and itemOutcome', () => {
  const states = (a: TaskStates[string], b: TaskStates[string], c: TaskStates[string], d: TaskStates[string]): TaskStates => ({ a, b, c, d });

  it('answers the pending tasks whose predecessors are all complete or skipped', () => {
    expect(releasable(diamond, states('pending', 'pending', 'pending', 'pending'))).toEqual(['a']);
    expect(releasable(diamond, states('closed_skipped', 'pending', 'pending', 'pending'))).toEqual(['b', 'c']);
    expect(releasable(diamond, states('closed_complete', 'closed_complete', 'in_progress', 'pending'))).toEqual([]);
    expect(releasable(diamond, states('closed_failed', 'pending', 'pending', 'pending'))).toEqual([]);
  });

  it.each([
    [states('pending', 'pending', 'pending', 'pending'), 'awaiting_approval'],
    [states('open', 'pending', 'pending', 'pending'), 'approved'],
    [states('in_progress', 'pending', 'pending', 'pending'), 'in_fulfilment'],
    [states('closed_complete', 'open', 'open', 'pending'), 'in_fulfilment'],
    [states('closed_complete', 'closed_skipped', 'closed_complete', 'closed_complete'), 'closed_complete'],
    [states('closed_complete', 'closed_failed', 'canceled', 'canceled'), 'closed_incomplete'],
    [states('closed_complete', 'canceled', 'canceled', 'canceled'), 'canceled'],
  ])('rolls %j up to %s', (tasks, expected) => {
    expect(itemOutcome(diamond, tasks)).toBe(expected);
  });

  it('refuses task states that do not cover the plan', () => {
    expect(() => releasable(diamond, { a: 'pending' })).toThrow(RangeError);
  });
});
