/** Hands an incident to an assignment group, and optionally to one of its members. */
export class AssignIncidentCommand {
  constructor(
    readonly incidentId: string,
    readonly groupId: string,
    readonly assigneeId: string | null,
  ) {}
}
