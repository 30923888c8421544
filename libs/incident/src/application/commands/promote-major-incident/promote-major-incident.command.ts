/** An incident manager promotes an incident to major. */
export class PromoteMajorIncidentCommand {
  constructor(readonly incidentId: string) {}
}
