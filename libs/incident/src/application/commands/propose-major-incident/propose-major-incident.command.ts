/** Proposes an incident as major, with the reasons (an incident manager then promotes or declines it). */
export class ProposeMajorIncidentCommand {
  constructor(
    readonly incidentId: string,
    readonly reasons: readonly string[],
  ) {}
}
