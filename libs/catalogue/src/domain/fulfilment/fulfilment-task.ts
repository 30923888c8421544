import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';

/**
 * A fulfilment task's state. `pending`: waiting for its predecessors; `open`: released to its
 * group; then closed with an outcome (complete, failed, skipped), or canceled (the item was, or
 * another task failed).
 */
export const TASK_STATES = ['pending', 'open', 'in_progress', 'closed_complete', 'closed_failed', 'closed_skipped', 'canceled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** `release` and `cancel` are the rollup's moves; fulfillers start, complete, fail or skip. */
export type TaskMove = 'release' | 'start' | 'complete' | 'fail' | 'skip' | 'cancel';
export type TaskAction = Exclude<TaskMove, 'release' | 'cancel'>;

/** Every task's state, by task key. */
export type TaskStates = Readonly<Record<string, TaskState>>;

/** From which states each move is legal, and where it leads. */
export const TASK_MOVES: Readonly<Record<TaskMove, { readonly from: readonly TaskState[]; readonly to: TaskState }>> = {
  release: { from: ['pending'], to: 'open' },
  start: { from: ['open'], to: 'in_progress' },
  complete: { from: ['open', 'in_progress'], to: 'closed_complete' },
  fail: { from: ['open', 'in_progress'], to: 'closed_failed' },
  skip: { from: ['open', 'in_progress'], to: 'closed_skipped' },
  cancel: { from: ['pending', 'open', 'in_progress'], to: 'canceled' },
};

/** A task's state after a move, or CATALOGUE.ILLEGAL_TRANSITION naming the task, the move and the state. */
export function moveTask(taskKey: string, state: TaskState, move: TaskMove): TaskState {
  const rule = TASK_MOVES[move];
  if (!rule.from.includes(state)) {
    throw catalogueError(CatalogueErrorCode.IllegalTransition, `Task ${taskKey} in state ${state} cannot ${move}.`, { task: taskKey, move, state });
  }
  return rule.to;
}

/** Closed tasks (any outcome) and canceled ones change no more. */
export function isTaskFinal(state: TaskState): boolean {
  return state.startsWith('closed_') || state === 'canceled';
}

/** A predecessor in this state lets its successors go: done, or judged unnecessary. */
export function letsSuccessorsGo(state: TaskState): boolean {
  return state === 'closed_complete' || state === 'closed_skipped';
}
