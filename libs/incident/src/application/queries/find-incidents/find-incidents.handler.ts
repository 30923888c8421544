import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { canView, IncidentError, IncidentErrorCode, incidentScope, redactFor } from '../../../domain';
import { IncidentRepository } from '../../../persistence/incident.repository';
import type { IncidentListFilter } from '../../../persistence/incident.repository';

export const MAX_PAGE_SIZE = 100;

export interface IncidentListResult {
  readonly items: readonly Incident[];
  readonly hasNextPage: boolean;
}

/** Reads incidents as the viewer may see them: out-of-scope ones do not exist, work notes only for staff. */
@Injectable()
export class FindIncidentsHandler {
  constructor(private readonly incidents: IncidentRepository) {}

  async byId(viewer: Viewer, id: string): Promise<Incident> {
    return this.visible(viewer, (await this.incidents.load(id))?.aggregate, id);
  }

  async byNumber(viewer: Viewer, number: string): Promise<Incident> {
    return this.visible(viewer, await this.incidents.findByNumber(number), number);
  }

  /** Newest first; `afterSeq`: the sort key (the number's sequence) of the last incident already seen. */
  async list(viewer: Viewer, filter: IncidentListFilter, first: number, afterSeq: number | undefined): Promise<IncidentListResult> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw new IncidentError(IncidentErrorCode.InvalidInput, `first must be 1 to ${MAX_PAGE_SIZE}`, { field: 'first' });
    }
    const page = await this.incidents.list(incidentScope(viewer), filter, first, afterSeq);
    return { items: page.items.map((incident) => redactFor(viewer, incident)), hasNextPage: page.hasNextPage };
  }

  count(viewer: Viewer, filter: IncidentListFilter): Promise<number> {
    return this.incidents.count(incidentScope(viewer), filter);
  }

  private visible(viewer: Viewer, incident: Incident | undefined, key: string): Incident {
    if (!incident || !canView(viewer, incident)) throw new IncidentError(IncidentErrorCode.NotFound, `incident ${key} not found`);
    return redactFor(viewer, incident);
  }

}
