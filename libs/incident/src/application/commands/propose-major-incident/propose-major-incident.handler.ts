import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import type { ProposeMajorIncidentCommand } from './propose-major-incident.command';

@Injectable()
export class ProposeMajorIncidentHandler {
  constructor(private readonly incidents: IncidentCommandRunner) {}

  async execute(viewer: Viewer, command: ProposeMajorIncidentCommand): Promise<Incident> {
    return (await this.incidents.runAs(viewer, command.incidentId, { kind: 'propose-major', reasons: command.reasons })).aggregate;
  }
}
