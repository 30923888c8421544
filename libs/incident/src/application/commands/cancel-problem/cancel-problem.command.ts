/** A problem manager cancels a problem that needs no further work. */
export class CancelProblemCommand {
  constructor(
    readonly problemId: string,
    readonly reason: string,
  ) {}
}
