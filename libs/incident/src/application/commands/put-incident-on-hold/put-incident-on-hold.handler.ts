import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import type { PutIncidentOnHoldCommand } from './put-incident-on-hold.command';

@Injectable()
export class PutIncidentOnHoldHandler {
  constructor(private readonly incidents: IncidentCommandRunner) {}

  async execute(viewer: Viewer, command: PutIncidentOnHoldCommand): Promise<Incident> {
    return (await this.incidents.runAs(viewer, command.incidentId, { kind: 'put-on-hold', reason: command.reason })).aggregate;
  }
}
