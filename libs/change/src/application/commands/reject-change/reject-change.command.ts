/** The authorisation refused (approval engine, CAB): Authorize -> New, with the reason. */
export class RejectChangeCommand {
  constructor(
    readonly changeId: string,
    readonly by: string,
    readonly reason: string,
  ) {}
}
