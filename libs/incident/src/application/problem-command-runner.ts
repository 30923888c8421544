import { AggregateCommandRunner } from '@itsm/platform/persistence';
import type { Problem, ProblemCommand, ProblemEvent, Viewer } from '../domain';
import { executeProblem, IncidentError, IncidentErrorCode, isInternal } from '../domain';
import type { Clock } from './clock';
import { commandErrors } from './command-errors';
import type { ProblemStore } from './ports/problem-store.port';

/** Resolving, closing and cancelling a problem are problem managers' decisions (ITIL). */
const MANAGER_ONLY: readonly ProblemCommand['kind'][] = ['resolve', 'close', 'cancel'];

/** Problems are internal records: to anyone else none exists. Resolve, close and cancel are problem managers' decisions. */
export function assertMayRunOnProblem(viewer: Viewer, problemId: string, action: ProblemCommand['kind']): void {
  if (!isInternal(viewer)) throw new IncidentError(IncidentErrorCode.ProblemNotFound, `problem ${problemId} not found`);
  if (MANAGER_ONLY.includes(action) && !viewer.roles.some((role) => role === 'problem-manager' || role === 'admin')) {
    throw new IncidentError(IncidentErrorCode.Forbidden, `only problem managers ${action} problems`);
  }
}

/** The platform's aggregate runner for problems (PROBLEM.NOT_FOUND, INCIDENT.CONFLICT). */
export class ProblemCommandRunner extends AggregateCommandRunner<Problem, ProblemEvent> {
  constructor(
    store: ProblemStore,
    private readonly clock: Clock,
    maxAttempts?: number,
  ) {
    super(store, commandErrors('problem', IncidentErrorCode.ProblemNotFound), maxAttempts);
  }

  /** Runs a domain command as the viewer (internal staff; managers for resolve, close and cancel). */
  async runAs(viewer: Viewer, problemId: string, command: ProblemCommand): Promise<Problem> {
    const outcome = await this.run(problemId, {
      authorise: (current) => assertMayRunOnProblem(viewer, current.id, command.kind),
      decide: (current) => {
        const { problem, events } = executeProblem(current, command, { by: viewer.userId, at: this.clock.now() });
        return { aggregate: problem, events };
      },
    });
    return outcome.aggregate;
  }
}
