import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { assignableGroup } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { AssignmentGroups } from '../../ports/reference-data.port';
import type { AssignIncidentCommand } from './assign-incident.command';

@Injectable()
export class AssignIncidentHandler {
  constructor(
    private readonly incidents: IncidentCommandRunner,
    private readonly groups: AssignmentGroups,
  ) {}

  async execute(viewer: Viewer, command: AssignIncidentCommand): Promise<Incident> {
    const group = assignableGroup(command.groupId, await this.groups.group(command.groupId));
    return (await this.incidents.runAs(viewer, command.incidentId, { kind: 'assign', group, assigneeId: command.assigneeId })).aggregate;
  }
}
