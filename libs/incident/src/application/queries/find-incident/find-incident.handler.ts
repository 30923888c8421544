import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { canView, IncidentError, IncidentErrorCode, redactFor } from '../../../domain';
import { IncidentRepository } from '../../../persistence/incident.repository';
import type { FindIncidentQuery } from './find-incident.query';

/** An incident the viewer may not see does not exist for it (INCIDENT.NOT_FOUND); work notes only for staff. */
@Injectable()
export class FindIncidentHandler {
  constructor(private readonly incidents: IncidentRepository) {}

  async execute(viewer: Viewer, query: FindIncidentQuery): Promise<Incident> {
    const incident = query.by === 'id' ? (await this.incidents.load(query.key))?.aggregate : await this.incidents.findByNumber(query.key);
    if (!incident || !canView(viewer, incident)) throw new IncidentError(IncidentErrorCode.NotFound, `incident ${query.key} not found`);
    return redactFor(viewer, incident);
  }
}
