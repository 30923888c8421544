import type { IncidentListFilter } from '../../../persistence/incident.repository';

/** How many incidents the viewer may see match the filter. */
export class CountIncidentsQuery {
  constructor(readonly filter: IncidentListFilter = {}) {}
}
