/** Accepts a resolution: closed is final. */
export class CloseIncidentCommand {
  constructor(readonly incidentId: string) {}
}
