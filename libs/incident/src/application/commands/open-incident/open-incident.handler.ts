import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { GroupRef, Incident, Viewer } from '../../../domain';
import { assignableGroup, IncidentError, IncidentErrorCode, isInternal, openIncident } from '../../../domain';
import { Clock } from '../../clock';
import { IncidentStore } from '../../ports/incident-store.port';
import { AssignmentGroups, Organisations, PriorityMatrices } from '../../ports/reference-data.port';
import { TicketNumbers } from '../../ports/ticket-numbers.port';
import type { OpenIncidentCommand } from './open-incident.command';

@Injectable()
export class OpenIncidentHandler {
  constructor(
    private readonly incidents: IncidentStore,
    private readonly numbers: TicketNumbers,
    private readonly organisations: Organisations,
    private readonly groups: AssignmentGroups,
    private readonly matrices: PriorityMatrices,
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
    if (callerOrgId !== null && !(await this.organisations.organisation(callerOrgId))) {
      throw new IncidentError(IncidentErrorCode.InvalidInput, `organisation ${callerOrgId} does not exist`, { field: 'callerOrgId' });
    }
    const group = await this.group(command.assignmentGroupId);
    const { matrix } = await this.matrices.priorityMatrix();
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
    return assignableGroup(groupId, await this.groups.group(groupId));
  }
}
