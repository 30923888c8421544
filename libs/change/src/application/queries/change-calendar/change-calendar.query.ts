/** The change calendar over [from, to) (at most 92 days): held changes, maintenance window occurrences, blackouts. */
export class ChangeCalendarQuery {
  constructor(
    readonly from: Date,
    readonly to: Date,
    /** Only what concerns this CI (its changes, the windows governing it, blackouts of the services given). */
    readonly configurationItemId?: string,
    readonly serviceIds: readonly string[] = [],
  ) {}
}
