/** Retire a CI: kept with its history and identification keys, out of impact analysis, its relationships removed. */
export class RetireCiCommand {
  constructor(
    readonly ciId: string,
    readonly reason: string,
    readonly by: string,
  ) {}
}
