import type { ProblemState } from './agent-types';
import { PROBLEM_STAGES } from './agent-types';

export interface ProblemActions {
  /** Not resolved, closed or canceled: advance, record a known error. */
  readonly open: boolean;
  /** The stages the problem may still move to (the API refuses going back). */
  readonly next: readonly (typeof PROBLEM_STAGES)[number][];
  /** The API resolves only from root cause analysis or fix in progress (libs/incident problem.ts). */
  readonly resolvable: boolean;
  readonly closable: boolean;
  /** Closed or canceled: nothing more to do. */
  readonly final: 'closed' | 'canceled' | undefined;
}

/** What the API lets a problem do next from its state, mirroring libs/incident's decideProblem. */
export function problemActions(state: ProblemState): ProblemActions {
  const stageIndex = PROBLEM_STAGES.findIndex((stage) => stage === state);
  const open = state === 'new' || stageIndex >= 0;
  return {
    open,
    next: state === 'new' ? [...PROBLEM_STAGES] : stageIndex >= 0 ? PROBLEM_STAGES.slice(stageIndex + 1) : [],
    resolvable: state === 'root_cause_analysis' || state === 'fix_in_progress',
    closable: state === 'resolved',
    final: state === 'closed' || state === 'canceled' ? state : undefined,
  };
}
