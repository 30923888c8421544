/** Conflict-free windows for a change: its planned length unless given, from `from` (default now), within 90 days. */
export class NextConflictFreeWindowQuery {
  constructor(
    readonly changeId: string,
    readonly options: { readonly durationMinutes?: number; readonly from?: Date; readonly horizonDays?: number; readonly limit?: number },
  ) {}
}
