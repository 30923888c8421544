import { CatalogueErrorCode } from '../catalogue.errors';
import { definePlan, findCycle, PLAN_LIMITS, planTask } from './fulfilment-plan';
import type { PlanTaskDraft } from './fulfilment-plan';

const task = (key: string, predecessors: string[] = [], over: Partial<PlanTaskDraft> = {}): PlanTaskDraft => ({
  key,
  title: `Task ${key}`,
  groupId: `g-${key}`,
  variables: [],
  predecessors,
  ...over,
});

function refusal(run: () => unknown): { code: string; details: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    expect(error).toMatchObject({ name: 'CatalogueError' });
    return error as { code: string; details: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
}

describe('definePlan', () => {
  it('answers a diamond in topological order whatever order the draft lists it in', () => {
    const plan = definePlan({ tasks: [task('d', ['b', 'c']), task('c', ['a']), task('b', ['a']), task('a')] });
    expect(plan.tasks.map((t) => t.key)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('keeps the draft order among tasks the graph does not order (stable)', () => {
    const plan = definePlan({ tasks: [task('z'), task('y', ['x']), task('m'), task('x')] });
    expect(plan.tasks.map((t) => t.key)).toEqual(['z', 'm', 'x', 'y']);
  });

  it('keeps the group ids, the variables and the predecessors, trimmed and without repeats', () => {
    const plan = definePlan(
      { tasks: [task('vm', [], { groupId: ' supplier-acme ', title: ' Build VM ', variables: ['cpu', 'ram', 'cpu'] }), task('net', ['vm', 'vm'])] },
      ['cpu', 'ram'],
    );
    expect(planTask(plan, 'vm')).toEqual({ key: 'vm', title: 'Build VM', groupId: 'supplier-acme', variables: ['cpu', 'ram'], predecessors: [] });
    expect(planTask(plan, 'net').predecessors).toEqual(['vm']);
  });

  it.each([
    ['a task its own predecessor', [task('a', ['a'])], 'a,a'],
    ['two tasks waiting for each other', [task('a', ['b']), task('b', ['a'])], 'a,b,a'],
    ['three in a circle', [task('a', ['c']), task('b', ['a']), task('c', ['b'])], 'a,b,c,a'],
    ['a circle behind a sound root', [task('root'), task('x', ['root', 'z']), task('y', ['x']), task('z', ['y'])], 'x,y,z,x'],
  ])('refuses %s, naming the tasks around the cycle', (_, tasks, cycle) => {
    expect(refusal(() => definePlan({ tasks }))).toMatchObject({ code: CatalogueErrorCode.CyclicPlan, details: { cycle } });
  });

  it.each([
    ['no tasks', [], { reason: 'no_tasks' }],
    ['duplicate keys', [task('a'), task('b'), task('a')], { reason: 'duplicate_key', task: 'a' }],
    ['an unknown predecessor', [task('a'), task('b', ['a', 'ghost'])], { reason: 'unknown_predecessor', task: 'b', predecessor: 'ghost' }],
    ['a key that is not one', [task('a,b')], { reason: 'invalid_key', task: 'a,b' }],
    ['an empty title', [task('a', [], { title: '  ' })], { reason: 'no_title', task: 'a' }],
    ['no group', [task('a', [], { groupId: '' })], { reason: 'no_group', task: 'a' }],
    ['too many tasks', Array.from({ length: PLAN_LIMITS.tasks + 1 }, (_, i) => task(`t${i}`)), { reason: 'too_many_tasks' }],
  ])('refuses %s as an invalid plan naming it', (_, tasks, details) => {
    expect(refusal(() => definePlan({ tasks }))).toMatchObject({ code: CatalogueErrorCode.InvalidPlan, details });
  });

  it('refuses a variable the form does not have, and only when the form is given', () => {
    const draft = { tasks: [task('a', [], { variables: ['cpu', 'disk'] })] };
    expect(refusal(() => definePlan(draft, ['cpu']))).toMatchObject({ code: CatalogueErrorCode.InvalidPlan, details: { task: 'a', variable: 'disk' } });
    expect(definePlan(draft).tasks[0]?.variables).toEqual(['cpu', 'disk']);
  });

  it('names an unknown task when asked for it', () => {
    const plan = definePlan({ tasks: [task('a')] });
    expect(refusal(() => planTask(plan, 'b'))).toMatchObject({ code: CatalogueErrorCode.NotFound, details: { task: 'b' } });
  });
});

describe('findCycle', () => {
  it('answers null for a DAG and the keys in execution order for a cycle', () => {
    expect(findCycle([task('a'), task('b', ['a']), task('c', ['a', 'b'])])).toBeNull();
    expect(findCycle([task('a', ['b']), task('b', ['a'])])).toEqual(['a', 'b', 'a']);
  });
});
