import { Injectable } from '@nestjs/common';
import type { Problem, Viewer } from '../../../domain';
import { ProblemCommandRunner } from '../../problem-command-runner';
import type { ResolveProblemCommand } from './resolve-problem.command';

@Injectable()
export class ResolveProblemHandler {
  constructor(private readonly problems: ProblemCommandRunner) {}

  execute(viewer: Viewer, command: ResolveProblemCommand): Promise<Problem> {
    return this.problems.runAs(viewer, command.problemId, { kind: 'resolve', notes: command.notes, fixChangeId: command.fixChangeId });
  }
}
