import { compileRecurringWindow, expandRecurringWindow } from '../calendar/recurring-window';
import type { CompiledRecurringWindow } from '../calendar/recurring-window';
import type { CabOccurrence } from './cab-agenda';
import type { CabSchedule } from './cab-meeting';

const DAY_MS = 86_400_000;
/** How far ahead `nextOccurrence` looks (a series meeting less often than this has no "next"). */
const NEXT_LOOKAHEAD_DAYS = 400;

/** Checks a meeting's schedule the way maintenance windows are checked (CHANGE.INVALID_RECURRENCE, UNKNOWN_TIME_ZONE, INVALID_INPUT). */
export function compileCabSchedule(schedule: CabSchedule): CompiledRecurringWindow {
  return compileRecurringWindow(schedule);
}

/** The meetings starting in [from, to), ascending, in UTC (DST-correct: 14:00 London stays 14:00 local). */
export function cabOccurrences(schedule: CompiledRecurringWindow, from: Date, to: Date): CabOccurrence[] {
  return expandRecurringWindow(schedule, { start: from.getTime(), end: to.getTime() })
    .filter((i) => i.start >= from.getTime())
    .map((i) => ({ start: new Date(i.start), end: new Date(i.end) }));
}

/** The occurrence starting exactly at `start`, or undefined when the series has none there. */
export function cabOccurrenceAt(schedule: CompiledRecurringWindow, start: Date): CabOccurrence | undefined {
  return cabOccurrences(schedule, start, new Date(start.getTime() + 1)).find((o) => o.start.getTime() === start.getTime());
}

/** The first occurrence after the one starting at `start` (where a deferral goes), or null. */
export function nextCabOccurrence(schedule: CompiledRecurringWindow, start: Date): CabOccurrence | null {
  return cabOccurrences(schedule, new Date(start.getTime() + 1), new Date(start.getTime() + NEXT_LOOKAHEAD_DAYS * DAY_MS))[0] ?? null;
}
