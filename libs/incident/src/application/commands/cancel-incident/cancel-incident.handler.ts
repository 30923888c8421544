import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import type { CancelIncidentCommand } from './cancel-incident.command';

@Injectable()
export class CancelIncidentHandler {
  constructor(private readonly incidents: IncidentCommandRunner) {}

  async execute(viewer: Viewer, command: CancelIncidentCommand): Promise<Incident> {
    return (await this.incidents.runAs(viewer, command.incidentId, { kind: 'cancel', reason: command.reason })).aggregate;
  }
}
