import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';
import { planTask } from './fulfilment-plan';
import type { FulfilmentPlan } from './fulfilment-plan';
import { isTaskFinal, letsSuccessorsGo, moveTask } from './fulfilment-task';
import type { TaskAction, TaskMove, TaskState, TaskStates } from './fulfilment-task';

/**
 * A requested item's state: approvals first, then its plan's tasks; it closes complete when every
 * task closed complete or skipped, incomplete when a task failed; rejected by an approver; canceled.
 */
export const ITEM_STATES = ['awaiting_approval', 'approved', 'in_fulfilment', 'closed_complete', 'closed_incomplete', 'canceled', 'rejected'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** The fulfilment side of a requested item: its state and its plan's tasks' states. */
export interface ItemFulfilment {
  readonly state: ItemState;
  readonly tasks: TaskStates;
}

/**
 * What happened, in order, for the application layer to announce: the acted-on task first, then the
 * tasks the step released or canceled (plan order), then the item. A task that goes from `pending`
 * to `canceled` was never released: no fulfiller saw it.
 */
export type FulfilmentFact =
  | { readonly type: 'task_state_changed'; readonly taskKey: string; readonly previousState: TaskState; readonly state: TaskState }
  | { readonly type: 'item_state_changed'; readonly previousState: ItemState; readonly state: ItemState };

export interface FulfilmentStep {
  readonly item: ItemFulfilment;
  readonly facts: readonly FulfilmentFact[];
}

/** A freshly ordered item: awaiting approval, every task pending. */
export function newItemFulfilment(plan: FulfilmentPlan): ItemFulfilment {
  return { state: 'awaiting_approval', tasks: Object.fromEntries(plan.tasks.map((t) => [t.key, 'pending' as const])) };
}

/** The pending tasks whose predecessors all closed complete or skipped (roots: at once), in plan order. */
export function releasable(plan: FulfilmentPlan, tasks: TaskStates): string[] {
  return plan.tasks.filter((t) => stateOf(tasks, t.key) === 'pending' && t.predecessors.every((p) => letsSuccessorsGo(stateOf(tasks, p)))).map((t) => t.key);
}

/**
 * The item's state its tasks imply (approval's own decision, `rejected`, is not theirs): a failed
 * task -> closed_incomplete; else a canceled one -> canceled; every task complete or skipped ->
 * closed_complete; a task started or closed -> in_fulfilment; tasks released, none started ->
 * approved; every task pending -> awaiting_approval (approval releases the roots).
 */
export function itemOutcome(plan: FulfilmentPlan, tasks: TaskStates): Exclude<ItemState, 'rejected'> {
  const states = plan.tasks.map((t) => stateOf(tasks, t.key));
  if (states.includes('closed_failed')) return 'closed_incomplete';
  if (states.includes('canceled')) return 'canceled';
  if (states.every(letsSuccessorsGo)) return 'closed_complete';
  if (states.some((s) => s === 'in_progress' || isTaskFinal(s))) return 'in_fulfilment';
  if (states.includes('open')) return 'approved';
  return 'awaiting_approval';
}

/** Approval granted: awaiting_approval -> approved, the plan's roots released. */
export function approveItem(plan: FulfilmentPlan, item: ItemFulfilment): FulfilmentStep {
  requireItem(item, ['awaiting_approval'], 'approve');
  return settle(plan, item, 'approved', item.tasks, []);
}

/** Approval refused: awaiting_approval -> rejected; no task will run (all canceled). */
export function rejectItem(plan: FulfilmentPlan, item: ItemFulfilment): FulfilmentStep {
  requireItem(item, ['awaiting_approval'], 'reject');
  return settle(plan, item, 'rejected', item.tasks, cancelRemaining(plan, item.tasks));
}

/** The requester (or an agent) withdraws the item before it closed: every task not closed is canceled. */
export function cancelItem(plan: FulfilmentPlan, item: ItemFulfilment): FulfilmentStep {
  requireItem(item, ['awaiting_approval', 'approved', 'in_fulfilment'], 'cancel');
  return settle(plan, item, 'canceled', item.tasks, cancelRemaining(plan, item.tasks));
}

/**
 * A fulfiller acts on a released task of an approved item. Completing or skipping it releases the
 * successors whose predecessors are now all complete or skipped. Failing it fails the item: every
 * task not yet closed (pending, open or in progress, parallel branches included) is canceled and
 * the item closes incomplete at once: nothing can complete it any more, and nobody should keep
 * working on it. The item's state is then the rollup of its tasks (`itemOutcome`).
 */
export function actOnTask(plan: FulfilmentPlan, item: ItemFulfilment, taskKey: string, action: TaskAction): FulfilmentStep {
  planTask(plan, taskKey);
  requireItem(item, ['approved', 'in_fulfilment'], action, taskKey);
  const previous = stateOf(item.tasks, taskKey);
  const state = moveTask(taskKey, previous, action);
  const acted = { ...item.tasks, [taskKey]: state };
  const facts: FulfilmentFact[] = [{ type: 'task_state_changed', taskKey, previousState: previous, state }];
  const cascade = action === 'fail' ? cancelRemaining(plan, acted) : [];
  return settle(plan, { ...item, tasks: acted }, null, acted, cascade, facts);
}

/**
 * Applies the cascade's moves, then releases what became releasable (unless the item is final),
 * and names the item's new state: `decided`, or else the tasks' rollup.
 */
function settle(
  plan: FulfilmentPlan,
  item: ItemFulfilment,
  decided: ItemState | null,
  tasks: TaskStates,
  cascade: readonly (readonly [string, TaskMove])[],
  facts: FulfilmentFact[] = [],
): FulfilmentStep {
  let next: Record<string, TaskState> = { ...tasks };
  const apply = (key: string, move: TaskMove): void => {
    const previous = stateOf(next, key);
    const state = moveTask(key, previous, move);
    next = { ...next, [key]: state };
    facts.push({ type: 'task_state_changed', taskKey: key, previousState: previous, state });
  };
  for (const [key, move] of cascade) apply(key, move);
  if (decided === null || decided === 'approved') for (const key of releasable(plan, next)) apply(key, 'release');
  const state = decided ?? itemOutcome(plan, next);
  if (state !== item.state) facts.push({ type: 'item_state_changed', previousState: item.state, state });
  return { item: { state, tasks: next }, facts };
}

function cancelRemaining(plan: FulfilmentPlan, tasks: TaskStates): [string, TaskMove][] {
  return plan.tasks.filter((t) => !isTaskFinal(stateOf(tasks, t.key))).map((t) => [t.key, 'cancel']);
}

function requireItem(item: ItemFulfilment, from: readonly ItemState[], move: string, taskKey?: string): void {
  if (!from.includes(item.state)) {
    const details: Record<string, string> = taskKey === undefined ? { move, state: item.state } : { move, state: item.state, task: taskKey };
    throw catalogueError(CatalogueErrorCode.IllegalTransition, `An item in state ${item.state} cannot ${move}${taskKey === undefined ? '' : ` task ${taskKey}`}.`, details);
  }
}

function stateOf(tasks: TaskStates, key: string): TaskState {
  const state = tasks[key];
  if (state === undefined) throw new RangeError(`no state for task ${key}: one state per plan task`);
  return state;
}
