import { Injectable } from '@nestjs/common';
import type { Problem, ProblemState, Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode, isInternal } from '../../../domain';
import { ProblemRepository } from '../../../persistence/problem.repository';

export const MAX_PROBLEM_PAGE_SIZE = 100;

/** Problems and known errors are internal records: outside staff see none. */
@Injectable()
export class FindProblemsHandler {
  constructor(private readonly problems: ProblemRepository) {}

  async byId(viewer: Viewer, id: string): Promise<Problem> {
    const problem = isInternal(viewer) ? (await this.problems.load(id))?.aggregate : undefined;
    if (!problem) throw new IncidentError(IncidentErrorCode.ProblemNotFound, `problem ${id} not found`);
    return problem;
  }

  async byNumber(viewer: Viewer, number: string): Promise<Problem> {
    const problem = isInternal(viewer) ? await this.problems.findByNumber(number) : undefined;
    if (!problem) throw new IncidentError(IncidentErrorCode.ProblemNotFound, `problem ${number} not found`);
    return problem;
  }

  /** Newest first; `afterSeq`: the sort key (the number's sequence) of the last problem already seen. */
  async list(viewer: Viewer, states: readonly ProblemState[] | undefined, first: number, afterSeq?: number): Promise<{ readonly items: readonly Problem[]; readonly hasNextPage: boolean }> {
    if (!isInternal(viewer)) return { items: [], hasNextPage: false };
    if (!Number.isInteger(first) || first < 1 || first > MAX_PROBLEM_PAGE_SIZE) {
      throw new IncidentError(IncidentErrorCode.InvalidInput, `first must be 1 to ${MAX_PROBLEM_PAGE_SIZE}`, { field: 'first' });
    }
    return this.problems.list(states, first, afterSeq);
  }
}
