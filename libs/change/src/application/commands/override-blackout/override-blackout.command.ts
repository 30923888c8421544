/** A change manager records why an emergency change may be scheduled inside a blackout. */
export class OverrideBlackoutCommand {
  constructor(
    readonly changeId: string,
    readonly reason: string,
  ) {}
}
