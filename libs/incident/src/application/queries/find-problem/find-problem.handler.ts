import { Injectable } from '@nestjs/common';
import type { Problem, Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode, isInternal } from '../../../domain';
import { ProblemRepository } from '../../../persistence/problem.repository';
import type { FindProblemQuery } from './find-problem.query';

/** Problems and known errors are internal records: for outside staff none exists. */
@Injectable()
export class FindProblemHandler {
  constructor(private readonly problems: ProblemRepository) {}

  async execute(viewer: Viewer, query: FindProblemQuery): Promise<Problem> {
    const problem = !isInternal(viewer) ? undefined : query.by === 'id' ? (await this.problems.load(query.key))?.aggregate : await this.problems.findByNumber(query.key);
    if (!problem) throw new IncidentError(IncidentErrorCode.ProblemNotFound, `problem ${query.key} not found`);
    return problem;
  }
}
