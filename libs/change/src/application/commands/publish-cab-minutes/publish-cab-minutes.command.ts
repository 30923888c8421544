/** Publish one meeting's minutes after it ended: who attended, every item and its decision. */
export class PublishCabMinutesCommand {
  constructor(
    readonly meetingId: string,
    readonly occurrenceStart: Date,
    readonly attendeeIds: readonly string[],
    readonly by: string,
    /** A change manager may publish without sitting on the board. */
    readonly byManager: boolean,
  ) {}
}
