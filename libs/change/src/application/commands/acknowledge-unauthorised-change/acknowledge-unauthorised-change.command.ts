/** The change manager accepts an unauthorised change as known, saying why. */
export class AcknowledgeUnauthorisedChangeCommand {
  constructor(
    readonly id: string,
    readonly note: string,
    readonly by: string,
  ) {}
}
