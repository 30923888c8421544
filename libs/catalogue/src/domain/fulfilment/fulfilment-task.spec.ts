import { CatalogueErrorCode } from '../catalogue.errors';
import { isTaskFinal, letsSuccessorsGo, moveTask, TASK_STATES } from './fulfilment-task';
import type { TaskMove, TaskState } from './fulfilment-task';

/** The legal moves, written out independently of TASK_MOVES. */
const EXPECTED: Readonly<Record<TaskState, Partial<Record<TaskMove, TaskState>>>> = {
  pending: { release: 'open', cancel: 'canceled' },
  open: { start: 'in_progress', complete: 'closed_complete', fail: 'closed_failed', skip: 'closed_skipped', cancel: 'canceled' },
  in_progress: { complete: 'closed_complete', fail: 'closed_failed', skip: 'closed_skipped', cancel: 'canceled' },
  closed_complete: {},
  closed_failed: {},
  closed_skipped: {},
  canceled: {},
};
const MOVES: readonly TaskMove[] = ['release', 'start', 'complete', 'fail', 'skip', 'cancel'];

describe('the task state machine', () => {
  const cases = TASK_STATES.flatMap((state) => MOVES.map((move) => [state, move] as const));

  it.each(cases)('a %s task: %s is legal exactly when the table says, and leads where it says', (state, move) => {
    const to = EXPECTED[state][move];
    if (to !== undefined) {
      expect(moveTask('t1', state, move)).toBe(to);
    } else {
      expect(() => moveTask('t1', state, move)).toThrow(
        expect.objectContaining({ name: 'CatalogueError', code: CatalogueErrorCode.IllegalTransition, details: { task: 't1', move, state } }),
      );
    }
  });

  it('treats closed and canceled tasks as final, and only complete or skipped ones as letting successors go', () => {
    expect(TASK_STATES.filter(isTaskFinal)).toEqual(['closed_complete', 'closed_failed', 'closed_skipped', 'canceled']);
    expect(TASK_STATES.filter(letsSuccessorsGo)).toEqual(['closed_complete', 'closed_skipped']);
  });
});
