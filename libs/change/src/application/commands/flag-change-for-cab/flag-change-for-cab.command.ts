/** A change manager puts a change awaiting authorisation on one meeting's agenda (e.g. planned before it). */
export class FlagChangeForCabCommand {
  constructor(
    readonly meetingId: string,
    readonly occurrenceStart: Date,
    readonly changeId: string,
    readonly reason: string | null,
    readonly by: string,
  ) {}
}
