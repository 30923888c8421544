/** Cancels an incident that needs no work (a duplicate, raised in error). */
export class CancelIncidentCommand {
  constructor(
    readonly incidentId: string,
    readonly reason: string,
  ) {}
}
