import { Injectable } from '@nestjs/common';
import type { Problem, Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode, isInternal } from '../../../domain';
import { ProblemRepository } from '../../../persistence/problem.repository';
import type { FindProblemsQuery } from './find-problems.query';

export const MAX_PROBLEM_PAGE_SIZE = 100;

/** Problems and known errors are internal records: outside staff see none. */
@Injectable()
export class FindProblemsHandler {
  constructor(private readonly problems: ProblemRepository) {}

  /** Newest first, after the sort key (the number's sequence) of the last problem already seen. */
  async execute(viewer: Viewer, query: FindProblemsQuery): Promise<{ readonly items: readonly Problem[]; readonly hasNextPage: boolean }> {
    if (!isInternal(viewer)) return { items: [], hasNextPage: false };
    const { first, states, afterSeq } = query;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PROBLEM_PAGE_SIZE) {
      throw new IncidentError(IncidentErrorCode.InvalidInput, `first must be 1 to ${MAX_PROBLEM_PAGE_SIZE}`, { field: 'first' });
    }
    return this.problems.list(states, first, afterSeq);
  }
}
