import { Injectable } from '@nestjs/common';
import type { Problem, Viewer } from '../../../domain';
import { assignableGroup } from '../../../domain';
import { AssignmentGroups } from '../../ports/reference-data.port';
import { assertMayRunOnProblem, ProblemCommandRunner } from '../../problem-command-runner';
import type { AssignProblemCommand } from './assign-problem.command';

@Injectable()
export class AssignProblemHandler {
  constructor(
    private readonly problems: ProblemCommandRunner,
    private readonly groups: AssignmentGroups,
  ) {}

  async execute(viewer: Viewer, command: AssignProblemCommand): Promise<Problem> {
    // Before the group look-up: outside staff learn nothing about problems or groups.
    assertMayRunOnProblem(viewer, command.problemId, 'assign');
    const group = assignableGroup(command.groupId, await this.groups.group(command.groupId));
    return this.problems.runAs(viewer, command.problemId, { kind: 'assign', group, assigneeId: command.assigneeId });
  }
}
