import { Injectable } from '@nestjs/common';
import { CausedIncidentStore } from '../../ports/projection-stores.port';
import type { IncidentCauseQuery } from './incident-cause.query';

/** The id of the change an incident was caused by (its `change` link, as the incident stream reported it), or null. */
@Injectable()
export class IncidentCauseHandler {
  constructor(private readonly incidents: CausedIncidentStore) {}

  execute(query: IncidentCauseQuery): Promise<string | null> {
    return this.incidents.causeOf(query.incidentId);
  }
}
