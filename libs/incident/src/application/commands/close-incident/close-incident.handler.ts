import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import type { CloseIncidentCommand } from './close-incident.command';

@Injectable()
export class CloseIncidentHandler {
  constructor(private readonly incidents: IncidentCommandRunner) {}

  async execute(viewer: Viewer, command: CloseIncidentCommand): Promise<Incident> {
    return (await this.incidents.runAs(viewer, command.incidentId, { kind: 'close', automatic: false })).aggregate;
  }
}
