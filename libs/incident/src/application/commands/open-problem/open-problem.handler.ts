import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { Problem, Viewer } from '../../../domain';
import { assignableGroup, IncidentError, IncidentErrorCode, isInternal, openProblem } from '../../../domain';
import { Clock } from '../../clock';
import { ProblemStore } from '../../ports/problem-store.port';
import { AssignmentGroups, PriorityMatrices } from '../../ports/reference-data.port';
import { TicketNumbers } from '../../ports/ticket-numbers.port';
import type { OpenProblemCommand } from './open-problem.command';

@Injectable()
export class OpenProblemHandler {
  constructor(
    private readonly problems: ProblemStore,
    private readonly numbers: TicketNumbers,
    private readonly groups: AssignmentGroups,
    private readonly matrices: PriorityMatrices,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, command: OpenProblemCommand): Promise<Problem> {
    if (!isInternal(viewer)) throw new IncidentError(IncidentErrorCode.Forbidden, 'problems are managed by internal staff');
    const groupId = command.assignmentGroupId;
    const group = groupId === undefined ? null : assignableGroup(groupId, await this.groups.group(groupId));
    const { problem, events } = openProblem(
      {
        id: new Types.ObjectId().toHexString(),
        number: await this.numbers.next('PRB'),
        title: command.title,
        description: command.description,
        impact: command.impact,
        urgency: command.urgency,
        group,
        serviceId: command.serviceId ?? null,
        configurationItemIds: command.configurationItemIds ?? [],
      },
      (await this.matrices.priorityMatrix()).matrix,
      { by: viewer.userId, at: this.clock.now() },
    );
    await this.problems.create(problem, events);
    return problem;
  }
}
