import type { IncidentListFilter } from '../../../persistence/incident.repository';

/** A page of the incidents the viewer may see, newest first, after an opaque cursor. */
export class FindIncidentsQuery {
  constructor(
    readonly filter: IncidentListFilter,
    readonly first: number,
    readonly after?: string,
  ) {}
}
