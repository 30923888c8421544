import { Injectable } from '@nestjs/common';
import { CausedIncidentStore } from '../../ports/projection-stores.port';
import { incidentLinkChange } from '../../projections/incident-change-links';
import type { ProjectIncidentEventCommand } from './project-incident-event.command';

/**
 * Keeps, per incident, the change it is linked to as its cause and its priority (what the success
 * score charges a change): at most once per event and never over a later one of the incident.
 */
@Injectable()
export class ProjectIncidentEventHandler {
  constructor(private readonly incidents: CausedIncidentStore) {}

  async execute(command: ProjectIncidentEventCommand): Promise<'applied' | 'duplicate' | 'ignored'> {
    const change = incidentLinkChange(command.event);
    return change === null ? 'ignored' : this.incidents.apply(change, command.event);
  }
}
