import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import type { DeclineMajorIncidentCommand } from './decline-major-incident.command';

@Injectable()
export class DeclineMajorIncidentHandler {
  constructor(private readonly incidents: IncidentCommandRunner) {}

  async execute(viewer: Viewer, command: DeclineMajorIncidentCommand): Promise<Incident> {
    return (await this.incidents.runAs(viewer, command.incidentId, { kind: 'decline-major', reason: command.reason })).aggregate;
  }
}
