import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import type { StartIncidentWorkCommand } from './start-incident-work.command';

@Injectable()
export class StartIncidentWorkHandler {
  constructor(private readonly incidents: IncidentCommandRunner) {}

  async execute(viewer: Viewer, command: StartIncidentWorkCommand): Promise<Incident> {
    return (await this.incidents.runAs(viewer, command.incidentId, { kind: 'start-work' })).aggregate;
  }
}
