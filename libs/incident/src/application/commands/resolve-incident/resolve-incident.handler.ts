import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import type { ResolveIncidentCommand } from './resolve-incident.command';

@Injectable()
export class ResolveIncidentHandler {
  constructor(private readonly incidents: IncidentCommandRunner) {}

  async execute(viewer: Viewer, command: ResolveIncidentCommand): Promise<Incident> {
    return (await this.incidents.runAs(viewer, command.incidentId, { kind: 'resolve', code: command.code, notes: command.notes, cause: 'manual', causeId: null })).aggregate;
  }
}
