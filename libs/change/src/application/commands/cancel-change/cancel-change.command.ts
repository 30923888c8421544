/** The change is canceled (any state but Review and Closed), with the reason. */
export class CancelChangeCommand {
  constructor(readonly changeId: string, readonly reason: string) {}
}
