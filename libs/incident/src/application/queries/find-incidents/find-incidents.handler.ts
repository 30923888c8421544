import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode, incidentScope, redactFor } from '../../../domain';
import { IncidentRepository } from '../../../persistence/incident.repository';
import type { FindIncidentsQuery } from './find-incidents.query';

export const MAX_PAGE_SIZE = 100;

export interface IncidentListResult {
  readonly items: readonly Incident[];
  readonly hasNextPage: boolean;
}

/** Reads incidents as the viewer may see them: out-of-scope ones do not exist, work notes only for staff. */
@Injectable()
export class FindIncidentsHandler {
  constructor(private readonly incidents: IncidentRepository) {}

  /** Newest first, after the sort key (the number's sequence) of the last incident already seen. */
  async execute(viewer: Viewer, query: FindIncidentsQuery): Promise<IncidentListResult> {
    const { filter, first, afterSeq } = query;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw new IncidentError(IncidentErrorCode.InvalidInput, `first must be 1 to ${MAX_PAGE_SIZE}`, { field: 'first' });
    }
    const page = await this.incidents.list(incidentScope(viewer), filter, first, afterSeq);
    return { items: page.items.map((incident) => redactFor(viewer, incident)), hasNextPage: page.hasNextPage };
  }
}
