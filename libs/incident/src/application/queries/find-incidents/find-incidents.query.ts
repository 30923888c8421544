import type { IncidentListFilter } from '../../../persistence/incident.repository';

/** A page of the incidents the viewer may see, newest first, after the sequence of the last one seen. */
export class FindIncidentsQuery {
  constructor(
    readonly filter: IncidentListFilter,
    readonly first: number,
    readonly afterSeq?: number,
  ) {}
}
