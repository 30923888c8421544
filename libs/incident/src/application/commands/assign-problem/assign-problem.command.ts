/** Hands a problem to an assignment group, and optionally to one of its members. */
export class AssignProblemCommand {
  constructor(
    readonly problemId: string,
    readonly groupId: string,
    readonly assigneeId: string | null,
  ) {}
}
