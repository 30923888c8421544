import { Injectable } from '@nestjs/common';
import type { Problem, Viewer } from '../../../domain';
import { ProblemCommandRunner } from '../../problem-command-runner';
import type { CancelProblemCommand } from './cancel-problem.command';

@Injectable()
export class CancelProblemHandler {
  constructor(private readonly problems: ProblemCommandRunner) {}

  execute(viewer: Viewer, command: CancelProblemCommand): Promise<Problem> {
    return this.problems.runAs(viewer, command.problemId, { kind: 'cancel', reason: command.reason });
  }
}
