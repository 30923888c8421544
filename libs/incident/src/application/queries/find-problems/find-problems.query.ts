import type { ProblemState } from '../../../domain';

/** A page of the newest problems, optionally in some states only, after the sequence of the last one seen. */
export class FindProblemsQuery {
  constructor(
    readonly first: number,
    readonly states?: readonly ProblemState[],
    readonly afterSeq?: number,
  ) {}
}
