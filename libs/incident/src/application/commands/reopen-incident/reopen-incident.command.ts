/** Rejects a resolution: the incident goes back to in progress (counted). */
export class ReopenIncidentCommand {
  constructor(
    readonly incidentId: string,
    readonly reason: string,
  ) {}
}
