import { Injectable } from '@nestjs/common';
import type { Problem, Viewer } from '../../../domain';
import { ProblemCommandRunner } from '../../problem-command-runner';
import type { AdvanceProblemCommand } from './advance-problem.command';

@Injectable()
export class AdvanceProblemHandler {
  constructor(private readonly problems: ProblemCommandRunner) {}

  execute(viewer: Viewer, command: AdvanceProblemCommand): Promise<Problem> {
    return this.problems.runAs(viewer, command.problemId, { kind: 'advance', to: command.to });
  }
}
