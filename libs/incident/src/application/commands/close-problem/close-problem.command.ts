/** A problem manager closes a resolved problem. */
export class CloseProblemCommand {
  constructor(readonly problemId: string) {}
}
