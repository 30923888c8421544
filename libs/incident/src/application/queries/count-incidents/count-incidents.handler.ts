import { Injectable } from '@nestjs/common';
import type { Viewer } from '../../../domain';
import { incidentScope } from '../../../domain';
import { IncidentRepository } from '../../../persistence/incident.repository';
import type { CountIncidentsQuery } from './count-incidents.query';

@Injectable()
export class CountIncidentsHandler {
  constructor(private readonly incidents: IncidentRepository) {}

  execute(viewer: Viewer, query: CountIncidentsQuery): Promise<number> {
    return this.incidents.count(incidentScope(viewer), query.filter);
  }
}
