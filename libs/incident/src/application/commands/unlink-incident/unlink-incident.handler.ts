import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import type { UnlinkIncidentCommand } from './unlink-incident.command';

@Injectable()
export class UnlinkIncidentHandler {
  constructor(private readonly incidents: IncidentCommandRunner) {}

  async execute(viewer: Viewer, command: UnlinkIncidentCommand): Promise<Incident> {
    return (await this.incidents.runAs(viewer, command.incidentId, { kind: 'unlink', linkKind: command.linkKind, targetId: command.targetId })).aggregate;
  }
}
