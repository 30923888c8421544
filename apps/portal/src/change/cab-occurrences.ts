const DAY = 86_400_000;

/** How far back the agenda asks: a meeting in progress, or one that ended with its minutes still unpublished, still takes decisions. */
export const LOOKBACK_DAYS = 7;
export const HORIZON_DAYS = 28;

/** The occurrences to ask for around `now`: meetings starting in [now - lookback, now + horizon). */
export function occurrenceRange(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - LOOKBACK_DAYS * DAY), to: new Date(now.getTime() + HORIZON_DAYS * DAY) };
}

/** The occurrences the agenda shows: those not yet ended, and ended ones whose minutes are not published (decisions are still accepted). */
export function openOccurrences<T extends { readonly end: string; readonly minutes: unknown }>(occurrences: readonly T[], now: Date): T[] {
  return occurrences.filter((occurrence) => occurrence.minutes === null || Date.parse(occurrence.end) > now.getTime());
}
