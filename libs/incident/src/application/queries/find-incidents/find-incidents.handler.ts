import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { canView, IncidentError, IncidentErrorCode, incidentScope, redactFor } from '../../../domain';
import { IncidentRepository } from '../../../persistence/incident.repository';
import type { IncidentListFilter } from '../../../persistence/incident.repository';

export const MAX_PAGE_SIZE = 100;

export interface IncidentConnectionResult {
  readonly items: readonly Incident[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** Opaque cursors: the stable sort key (the number's sequence), base64url-encoded. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`inc:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^inc:([1-9][0-9]{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw new IncidentError(IncidentErrorCode.InvalidInput, 'the cursor is not one this API issued', { field: 'after' });
  return Number(match[1]);
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

  async list(viewer: Viewer, filter: IncidentListFilter, first: number, after: string | undefined): Promise<IncidentConnectionResult> {
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

  count(viewer: Viewer, filter: IncidentListFilter): Promise<number> {
    return this.incidents.count(incidentScope(viewer), filter);
  }

  private visible(viewer: Viewer, incident: Incident | undefined, key: string): Incident {
    if (!incident || !canView(viewer, incident)) throw new IncidentError(IncidentErrorCode.NotFound, `incident ${key} not found`);
    return redactFor(viewer, incident);
  }

}
