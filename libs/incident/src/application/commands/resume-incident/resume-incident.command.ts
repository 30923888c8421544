/** Takes an incident off hold by hand (a caller's reply resumes it by itself). */
export class ResumeIncidentCommand {
  constructor(readonly incidentId: string) {}
}
