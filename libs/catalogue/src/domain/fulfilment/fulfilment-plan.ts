import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';

/** One task of a plan as the catalogue admin wrote it. */
export interface PlanTaskDraft {
  /** Unique within the plan; letters, digits, `_`, `-` and `.` (so a cycle reads `a,b,a` unambiguously). */
  readonly key: string;
  readonly title: string;
  /** The group that fulfils the task (a supplier group too: the caller resolves kinds, the plan keeps the id). */
  readonly groupId: string;
  /** The form variables the task's fulfillers see (and need). */
  readonly variables: readonly string[];
  /** Keys of the tasks that must close first. */
  readonly predecessors: readonly string[];
}

export interface FulfilmentPlanDraft {
  readonly tasks: readonly PlanTaskDraft[];
}

export type PlanTask = PlanTaskDraft;

/** A saved plan: a directed acyclic graph of tasks. */
export interface FulfilmentPlan {
  /**
   * The tasks in a stable topological order: every task after its predecessors, and tasks the graph
   * does not order in the order the draft listed them.
   */
  readonly tasks: readonly PlanTask[];
}

export const PLAN_LIMITS = { tasks: 100, keyLength: 64 } as const;

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Checks a plan on save and answers it in topological order. Refuses (CATALOGUE.INVALID_PLAN) no
 * tasks, too many, a malformed or duplicate key, an empty title or group, an unknown predecessor,
 * a variable the item's form does not have (when `formVariables` is given); and (CATALOGUE.CYCLIC_PLAN)
 * any cycle, a task its own predecessor included, with `details.cycle` the keys around it
 * (`'a,b,c,a'`: a before b before c before a).
 */
export function definePlan(draft: FulfilmentPlanDraft, formVariables?: readonly string[]): FulfilmentPlan {
  if (draft.tasks.length === 0) throw invalid('A fulfilment plan needs at least one task.', { reason: 'no_tasks' });
  if (draft.tasks.length > PLAN_LIMITS.tasks) throw invalid(`A fulfilment plan has at most ${PLAN_LIMITS.tasks} tasks.`, { reason: 'too_many_tasks', tasks: draft.tasks.length });
  const known = new Set<string>();
  for (const task of draft.tasks) {
    if (!KEY.test(task.key) || task.key.length > PLAN_LIMITS.keyLength) throw invalid(`Task key "${task.key}" is not a key.`, { reason: 'invalid_key', task: task.key });
    if (known.has(task.key)) throw invalid(`Two tasks share the key ${task.key}.`, { reason: 'duplicate_key', task: task.key });
    known.add(task.key);
  }
  const tasks = draft.tasks.map((task) => normalise(task, known, formVariables));
  const cycle = findCycle(tasks);
  if (cycle !== null) {
    throw catalogueError(CatalogueErrorCode.CyclicPlan, `The tasks ${cycle.join(' -> ')} wait for each other.`, { cycle: cycle.join(',') });
  }
  return { tasks: topologicalOrder(tasks) };
}

function normalise(task: PlanTaskDraft, known: ReadonlySet<string>, formVariables: readonly string[] | undefined): PlanTask {
  const title = task.title.trim();
  if (title === '') throw invalid(`Task ${task.key} has no title.`, { reason: 'no_title', task: task.key });
  const groupId = task.groupId.trim();
  if (groupId === '') throw invalid(`Task ${task.key} has no fulfilment group.`, { reason: 'no_group', task: task.key });
  const unknownPredecessor = task.predecessors.find((key) => !known.has(key));
  if (unknownPredecessor !== undefined) {
    throw invalid(`Task ${task.key} waits for ${unknownPredecessor}, which the plan does not have.`, { reason: 'unknown_predecessor', task: task.key, predecessor: unknownPredecessor });
  }
  const unknownVariable = formVariables === undefined ? undefined : task.variables.find((name) => !formVariables.includes(name));
  if (unknownVariable !== undefined) {
    throw invalid(`Task ${task.key} needs ${unknownVariable}, which the form does not have.`, { reason: 'unknown_variable', task: task.key, variable: unknownVariable });
  }
  return { key: task.key, title, groupId, variables: [...new Set(task.variables)], predecessors: [...new Set(task.predecessors)] };
}

/**
 * The first cycle found walking the tasks in their order, as keys from a task round to itself in
 * execution order (`['a', 'b', 'a']`: a before b before a); null for a DAG. Predecessors must be known keys.
 */
export function findCycle(tasks: readonly Pick<PlanTask, 'key' | 'predecessors'>[]): string[] | null {
  const successors = new Map<string, string[]>(tasks.map((t) => [t.key, []]));
  for (const task of tasks) for (const p of task.predecessors) successors.get(p)?.push(task.key);
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();

  const visit = (key: string): string[] | null => {
    if (onPath.has(key)) return [...path.slice(path.indexOf(key)), key];
    if (done.has(key)) return null;
    path.push(key);
    onPath.add(key);
    for (const next of successors.get(key) ?? []) {
      const cycle = visit(next);
      if (cycle !== null) return cycle;
    }
    path.pop();
    onPath.delete(key);
    done.add(key);
    return null;
  };

  for (const task of tasks) {
    const cycle = visit(task.key);
    if (cycle !== null) return cycle;
  }
  return null;
}

/** Kahn's order, taking the earliest-listed ready task each time (stable). The graph is acyclic. */
function topologicalOrder(tasks: readonly PlanTask[]): PlanTask[] {
  const placed = new Set<string>();
  const order: PlanTask[] = [];
  while (order.length < tasks.length) {
    const next = tasks.find((t) => !placed.has(t.key) && t.predecessors.every((p) => placed.has(p)));
    if (next === undefined) throw new Error('topologicalOrder: the plan has a cycle');
    placed.add(next.key);
    order.push(next);
  }
  return order;
}

/** The plan's task with that key, or CATALOGUE.NOT_FOUND naming it. */
export function planTask(plan: FulfilmentPlan, key: string): PlanTask {
  const task = plan.tasks.find((t) => t.key === key);
  if (task === undefined) throw catalogueError(CatalogueErrorCode.NotFound, `The plan has no task ${key}.`, { task: key });
  return task;
}

function invalid(message: string, details: Readonly<Record<string, string | number>>) {
  return catalogueError(CatalogueErrorCode.InvalidPlan, message, details);
}
