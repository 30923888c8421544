import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import type { LinkIncidentCommand } from './link-incident.command';

@Injectable()
export class LinkIncidentHandler {
  constructor(private readonly incidents: IncidentCommandRunner) {}

  async execute(viewer: Viewer, command: LinkIncidentCommand): Promise<Incident> {
    return (await this.incidents.runAs(viewer, command.incidentId, { kind: 'link', linkKind: command.linkKind, targetId: command.targetId })).aggregate;
  }
}
