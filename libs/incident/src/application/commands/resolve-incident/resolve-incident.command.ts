/** Resolves an incident by hand (its active children follow; the caller may still reopen it). */
export class ResolveIncidentCommand {
  constructor(
    readonly incidentId: string,
    readonly code: string,
    readonly notes: string,
  ) {}
}
