/** A problem manager resolves a problem; the incidents on hold waiting on it are resolved with it. */
export class ResolveProblemCommand {
  constructor(
    readonly problemId: string,
    readonly notes: string,
    readonly fixChangeId: string | null,
  ) {}
}
