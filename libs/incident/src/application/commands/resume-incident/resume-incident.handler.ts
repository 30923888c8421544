import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import type { ResumeIncidentCommand } from './resume-incident.command';

@Injectable()
export class ResumeIncidentHandler {
  constructor(private readonly incidents: IncidentCommandRunner) {}

  async execute(viewer: Viewer, command: ResumeIncidentCommand): Promise<Incident> {
    return (await this.incidents.runAs(viewer, command.incidentId, { kind: 'resume', trigger: 'manual' })).aggregate;
  }
}
