/** The meetings of one series (or of every active one) starting in [from, to), each with its agenda. */
export class CabOccurrencesQuery {
  constructor(
    readonly from: Date,
    readonly to: Date,
    readonly meetingId: string | null = null,
  ) {}
}
