/** The change an incident is linked to as its cause. */
export class IncidentCauseQuery {
  constructor(readonly incidentId: string) {}
}
