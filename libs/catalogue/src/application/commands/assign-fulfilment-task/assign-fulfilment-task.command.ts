/** Gives a task not yet closed to a member of its group (null: to nobody). */
export class AssignFulfilmentTaskCommand {
  constructor(
    readonly taskId: string,
    readonly assigneeId: string | null,
  ) {}
}
