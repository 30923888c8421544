import { Injectable } from '@nestjs/common';
import type { Problem, ProblemState, Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode, isInternal } from '../../../domain';
import { ProblemRepository } from '../../../persistence/problem.repository';

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

  async list(viewer: Viewer, states: readonly ProblemState[] | undefined, first: number): Promise<readonly Problem[]> {
    if (!isInternal(viewer)) return [];
    if (!Number.isInteger(first) || first < 1 || first > 100) throw new IncidentError(IncidentErrorCode.InvalidInput, 'first must be 1 to 100', { field: 'first' });
    return (await this.problems.list(states, first, undefined)).items;
  }
}
