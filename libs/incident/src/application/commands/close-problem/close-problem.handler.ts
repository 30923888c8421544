import { Injectable } from '@nestjs/common';
import type { Problem, Viewer } from '../../../domain';
import { ProblemCommandRunner } from '../../problem-command-runner';
import type { CloseProblemCommand } from './close-problem.command';

@Injectable()
export class CloseProblemHandler {
  constructor(private readonly problems: ProblemCommandRunner) {}

  execute(viewer: Viewer, command: CloseProblemCommand): Promise<Problem> {
    return this.problems.runAs(viewer, command.problemId, { kind: 'close' });
  }
}
