import { Injectable } from '@nestjs/common';
import type { Problem, ProblemCommand, Viewer } from '../../../domain';
import { executeProblem, IncidentError, IncidentErrorCode, isInternal } from '../../../domain';
import { ProblemRepository } from '../../../persistence/problem.repository';
import { ReferenceDataRepository } from '../../../persistence/reference-data.repository';
import { Clock } from '../../clock';
import { retryOnConflict } from '../../retry-on-conflict';

export type ProblemCommandRequest =
  | { readonly kind: 'assign'; readonly groupId: string; readonly assigneeId: string | null }
  | Exclude<ProblemCommand, { kind: 'assign' }>;

/** Resolving, closing and cancelling a problem are problem managers' decisions (ITIL). */
const MANAGER_ONLY: readonly ProblemCommand['kind'][] = ['resolve', 'close', 'cancel'];

@Injectable()
export class RunProblemCommandHandler {
  constructor(
    private readonly problems: ProblemRepository,
    private readonly referenceData: ReferenceDataRepository,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, problemId: string, request: ProblemCommandRequest): Promise<Problem> {
    if (!isInternal(viewer)) throw new IncidentError(IncidentErrorCode.ProblemNotFound, `problem ${problemId} not found`);
    if (MANAGER_ONLY.includes(request.kind) && !viewer.roles.some((role) => role === 'problem-manager' || role === 'admin')) {
      throw new IncidentError(IncidentErrorCode.Forbidden, `only problem managers ${request.kind} problems`);
    }
    const command = await this.resolve(request);
    return retryOnConflict(`problem ${problemId}`, async () => {
      const loaded = await this.problems.load(problemId);
      if (!loaded) throw new IncidentError(IncidentErrorCode.ProblemNotFound, `problem ${problemId} not found`);
      const { problem, events } = executeProblem(loaded.aggregate, command, { by: viewer.userId, at: this.clock.now() });
      await this.problems.save(loaded, problem, events);
      return problem;
    });
  }

  private async resolve(request: ProblemCommandRequest): Promise<ProblemCommand> {
    if (request.kind !== 'assign') return request;
    const group = await this.referenceData.group(request.groupId);
    if (!group) throw new IncidentError(IncidentErrorCode.UnknownGroup, `assignment group ${request.groupId} does not exist`);
    return { kind: 'assign', group, assigneeId: request.assigneeId };
  }
}
