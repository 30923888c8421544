import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode, incidentScope, redactFor } from '../../../domain';
import { IncidentRepository } from '../../../persistence/incident.repository';
import { decodeCursor, encodeCursor } from './incident-cursor';
import type { FindIncidentsQuery } from './find-incidents.query';

export const MAX_PAGE_SIZE = 100;

export interface IncidentConnectionResult {
  readonly items: readonly Incident[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** Out-of-scope incidents do not exist for the viewer; work notes only for staff. */
@Injectable()
export class FindIncidentsHandler {
  constructor(private readonly incidents: IncidentRepository) {}

  async execute(viewer: Viewer, query: FindIncidentsQuery): Promise<IncidentConnectionResult> {
    const { filter, first, after } = query;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw new IncidentError(IncidentErrorCode.InvalidInput, `first must be 1 to ${MAX_PAGE_SIZE}`, { field: 'first' });
    }
    const page = await this.incidents.list(incidentScope(viewer), filter, first, after === undefined ? undefined : decodeCursor(after));
    return {
      items: page.items.map((incident) => redactFor(viewer, incident)),
      hasNextPage: page.hasNextPage,
      endCursor: page.endSeq === null ? null : encodeCursor(page.endSeq),
    };
  }
}
