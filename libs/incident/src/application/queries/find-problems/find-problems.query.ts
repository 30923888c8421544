import type { ProblemState } from '../../../domain';

/** The newest problems, optionally in some states only. */
export class FindProblemsQuery {
  constructor(
    readonly first: number,
    readonly states?: readonly ProblemState[],
  ) {}
}
