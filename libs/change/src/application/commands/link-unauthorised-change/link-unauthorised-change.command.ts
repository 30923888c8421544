/** The change manager links an unauthorised change to the change that covers it. */
export class LinkUnauthorisedChangeCommand {
  constructor(
    readonly id: string,
    readonly changeId: string,
    readonly note: string | null,
    readonly by: string,
  ) {}
}
