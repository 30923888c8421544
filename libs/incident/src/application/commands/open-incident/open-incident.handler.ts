import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { GroupRef, Incident, Level, Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode, isInternal, openIncident } from '../../../domain';
import { IncidentRepository } from '../../../persistence/incident.repository';
import { NumberSequenceRepository } from '../../../persistence/number-sequence.repository';
import { ReferenceDataRepository } from '../../../persistence/reference-data.repository';
import { Clock } from '../../clock';

export interface OpenIncidentCommand {
  readonly title: string;
  readonly description: string;
  readonly impact: Level;
  readonly urgency: Level;
  /** Internal staff open on behalf of a caller; a requester is always its own caller. */
  readonly callerId?: string;
  readonly callerOrgId?: string;
  readonly category?: string;
  readonly serviceId?: string;
  readonly configurationItemIds?: readonly string[];
  readonly assignmentGroupId?: string;
  readonly assigneeId?: string;
}

@Injectable()
export class OpenIncidentHandler {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly numbers: NumberSequenceRepository,
    private readonly referenceData: ReferenceDataRepository,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, command: OpenIncidentCommand): Promise<Incident> {
    const internal = isInternal(viewer);
    if (!internal && !viewer.roles.includes('requester')) {
      throw new IncidentError(IncidentErrorCode.Forbidden, 'supplier agents work the incidents assigned to them; they do not open incidents here');
    }
    if (!internal) {
      const notTheirs = (['callerId', 'callerOrgId', 'assignmentGroupId', 'assigneeId'] as const).find(
        (field) => command[field] !== undefined && !(field === 'callerId' && command.callerId === viewer.userId),
      );
      if (notTheirs) throw new IncidentError(IncidentErrorCode.Forbidden, `a requester may not set ${notTheirs}`, { field: notTheirs });
    }
    const callerOrgId = internal ? (command.callerOrgId ?? null) : (viewer.orgId ?? null);
    if (callerOrgId !== null && !(await this.referenceData.organisation(callerOrgId))) {
      throw new IncidentError(IncidentErrorCode.InvalidInput, `organisation ${callerOrgId} does not exist`, { field: 'callerOrgId' });
    }
    const group = await this.group(command.assignmentGroupId);
    const { matrix } = await this.referenceData.priorityMatrix();
    const { incident, events } = openIncident(
      {
        id: new Types.ObjectId().toHexString(),
        number: await this.numbers.next('INC'),
        title: command.title,
        description: command.description,
        callerId: internal ? (command.callerId ?? viewer.userId) : viewer.userId,
        callerOrgId,
        category: command.category ?? null,
        impact: command.impact,
        urgency: command.urgency,
        serviceId: command.serviceId ?? null,
        configurationItemIds: command.configurationItemIds ?? [],
        group,
        assigneeId: command.assigneeId ?? null,
      },
      matrix,
      { by: viewer.userId, at: this.clock.now() },
    );
    await this.incidents.create(incident, events);
    return incident;
  }

  private async group(groupId: string | undefined): Promise<GroupRef | null> {
    if (groupId === undefined) return null;
    const group = await this.referenceData.group(groupId);
    if (!group) throw new IncidentError(IncidentErrorCode.UnknownGroup, `assignment group ${groupId} does not exist`);
    return group;
  }
}
