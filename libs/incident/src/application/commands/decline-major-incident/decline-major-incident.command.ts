/** An incident manager declines an incident proposed as major. */
export class DeclineMajorIncidentCommand {
  constructor(
    readonly incidentId: string,
    readonly reason: string,
  ) {}
}
