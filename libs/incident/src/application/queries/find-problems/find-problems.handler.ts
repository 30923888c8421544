import { Injectable } from '@nestjs/common';
import type { Problem, Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode, isInternal } from '../../../domain';
import { ProblemRepository } from '../../../persistence/problem.repository';
import type { FindProblemsQuery } from './find-problems.query';

/** Problems and known errors are internal records: outside staff see none. */
@Injectable()
export class FindProblemsHandler {
  constructor(private readonly problems: ProblemRepository) {}

  async execute(viewer: Viewer, query: FindProblemsQuery): Promise<readonly Problem[]> {
    if (!isInternal(viewer)) return [];
    const { first, states } = query;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw new IncidentError(IncidentErrorCode.InvalidInput, 'first must be 1 to 100', { field: 'first' });
    return (await this.problems.list(states, first, undefined)).items;
  }
}
