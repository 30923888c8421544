import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { PriorityMatrices } from '../../ports/reference-data.port';
import type { ChangeIncidentImpactUrgencyCommand } from './change-incident-impact-urgency.command';

@Injectable()
export class ChangeIncidentImpactUrgencyHandler {
  constructor(
    private readonly incidents: IncidentCommandRunner,
    private readonly matrices: PriorityMatrices,
  ) {}

  async execute(viewer: Viewer, command: ChangeIncidentImpactUrgencyCommand): Promise<Incident> {
    const { matrix } = await this.matrices.priorityMatrix();
    const change = { kind: 'change-impact-urgency', impact: command.impact, urgency: command.urgency, matrix } as const;
    return (await this.incidents.runAs(viewer, command.incidentId, change)).aggregate;
  }
}
