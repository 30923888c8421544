import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { Level, Problem, Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode, isInternal, openProblem } from '../../../domain';
import { NumberSequenceRepository } from '../../../persistence/number-sequence.repository';
import { ProblemRepository } from '../../../persistence/problem.repository';
import { ReferenceDataRepository } from '../../../persistence/reference-data.repository';
import { Clock } from '../../clock';

export interface OpenProblemCommand {
  readonly title: string;
  readonly description: string;
  readonly impact: Level;
  readonly urgency: Level;
  readonly assignmentGroupId?: string;
  readonly serviceId?: string;
  readonly configurationItemIds?: readonly string[];
}

@Injectable()
export class OpenProblemHandler {
  constructor(
    private readonly problems: ProblemRepository,
    private readonly numbers: NumberSequenceRepository,
    private readonly referenceData: ReferenceDataRepository,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, command: OpenProblemCommand): Promise<Problem> {
    if (!isInternal(viewer)) throw new IncidentError(IncidentErrorCode.Forbidden, 'problems are managed by internal staff');
    const group = command.assignmentGroupId === undefined ? null : await this.referenceData.group(command.assignmentGroupId);
    if (group === undefined) throw new IncidentError(IncidentErrorCode.UnknownGroup, `assignment group ${command.assignmentGroupId} does not exist`);
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
      (await this.referenceData.priorityMatrix()).matrix,
      { by: viewer.userId, at: this.clock.now() },
    );
    await this.problems.create(problem, events);
    return problem;
  }
}
