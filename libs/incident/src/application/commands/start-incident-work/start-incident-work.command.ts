/** Someone starts working on a new incident. */
export class StartIncidentWorkCommand {
  constructor(readonly incidentId: string) {}
}
