import type { IncidentEvent } from '../../projections/incident-change-links';

/** An incident event to apply to the record of the incidents changes caused. */
export class ProjectIncidentEventCommand {
  constructor(readonly event: IncidentEvent) {}
}
