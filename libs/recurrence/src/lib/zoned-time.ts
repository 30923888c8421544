import { RecurrenceError, RecurrenceErrorCode } from './recurrence.errors';
import { DAY_MS, MINUTE_MS, civilFromDays, daysFromCivil, isValidCivilDate } from './civil-date';
import type { Weekday } from './weekday';
import { weekdayOfDay } from './weekday';

/**
 * IANA time-zone arithmetic on epoch milliseconds, via `Intl.DateTimeFormat` (full ICU in Node 20).
 * No clock: every instant is a parameter. Throws RecurrenceError: UnknownTimeZone for a name that is
 * not an IANA zone (details.timeZone), InvalidDate for a non-finite instant or an impossible local
 * time (details.field). A context maps them onto its own codes (see the SLA engine's zoned-time.ts).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone, created once: constructing `Intl.DateTimeFormat` is the expensive part. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    if (typeof timeZone !== 'string' || timeZone.trim() === '') throw new RangeError('empty time zone');
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RecurrenceError(RecurrenceErrorCode.UnknownTimeZone, `Unknown time zone "${String(timeZone)}": not an IANA time-zone name`, {
      timeZone: String(timeZone),
    });
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

export function assertTimeZone(zone: string): void {
  formatterFor(zone);
}

function assertInstant(ms: number, what: string): void {
  if (!Number.isFinite(ms)) {
    throw new RecurrenceError(RecurrenceErrorCode.InvalidDate, `${what} must be a finite number of epoch milliseconds, got ${String(ms)}`, {
      field: what,
    });
  }
}

/** Milliseconds to add to UTC to get the local wall time in `timeZone` at `utcMs`. */
export function offsetAt(timeZone: string, utcMs: number): number {
  const formatter = formatterFor(timeZone);
  assertInstant(utcMs, 'utcMs');
  let y = 0;
  let m = 0;
  let d = 0;
  let h = 0;
  let min = 0;
  let s = 0;
  let beforeChrist = false;
  for (const part of formatter.formatToParts(utcMs)) {
    switch (part.type) {
      case 'year': y = Number(part.value); break;
      case 'month': m = Number(part.value); break;
      case 'day': d = Number(part.value); break;
      case 'hour': h = Number(part.value); break;
      case 'minute': min = Number(part.value); break;
      case 'second': s = Number(part.value); break;
      case 'era': beforeChrist = part.value.startsWith('B'); break;
      default: break;
    }
  }
  if (beforeChrist) y = 1 - y;
  const wallMs = daysFromCivil(y, m, d) * DAY_MS + ((h * 60 + min) * 60 + s) * 1000;
  const wholeSecondUtc = utcMs - (((utcMs % 1000) + 1000) % 1000);
  return wallMs - wholeSecondUtc;
}

/**
 * A local wall time, as milliseconds on the "wall clock" axis (day number * DAY_MS + time of day),
 * to the instant it denotes. In a gap (spring forward) the later mapping wins, in an overlap (fall
 * back) the earlier one: Temporal's `disambiguation: 'compatible'`. Assumes at most one offset
 * transition within a day either side, true of every IANA zone in modern times.
 */
export function wallToUtc(timeZone: string, wallMs: number): number {
  formatterFor(timeZone);
  return wallToUtcWith((utcMs) => offsetAt(timeZone, utcMs), wallMs);
}

/** wallToUtc over any source of a zone's offsets (e.g. ZoneOffsets' table instead of ICU each time). */
export function wallToUtcWith(offsetAtUtc: (utcMs: number) => number, wallMs: number): number {
  const before = offsetAtUtc(wallMs - DAY_MS);
  const after = offsetAtUtc(wallMs + DAY_MS);
  if (before === after) return wallMs - before;
  const early = wallMs - before;
  const late = wallMs - after;
  const earlyExists = offsetAtUtc(early) === before;
  const lateExists = offsetAtUtc(late) === after;
  if (earlyExists && lateExists) return Math.min(early, late);
  if (earlyExists) return early;
  if (lateExists) return late;
  // Skipped wall time: shift forward by the gap, i.e. read it with the offset in force before it.
  return wallMs - before;
}

/** The instant of local date y-month1-d at minuteOfDay (1440 = the next day's 00:00) in `timeZone`. */
export function localToUtc(timeZone: string, y: number, month1: number, d: number, minuteOfDay: number): number {
  formatterFor(timeZone);
  if (!isValidCivilDate(y, month1, d) || !Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay > 1440) {
    throw new RecurrenceError(
      RecurrenceErrorCode.InvalidDate,
      `Invalid local time ${y}-${month1}-${d} minute ${minuteOfDay}: expects a real date and a minute of day 0..1440`,
      { field: 'localTime' },
    );
  }
  return wallToUtc(timeZone, daysFromCivil(y, month1, d) * DAY_MS + minuteOfDay * MINUTE_MS);
}

export interface LocalDay {
  readonly y: number;
  readonly m: number;
  readonly d: number;
  readonly weekday: Weekday;
}

/** The local calendar date (and weekday) in `timeZone` at instant `utcMs`. */
export function localDayOf(timeZone: string, utcMs: number): LocalDay {
  const dayNumber = Math.floor((utcMs + offsetAt(timeZone, utcMs)) / DAY_MS);
  return { ...civilFromDays(dayNumber), weekday: weekdayOfDay(dayNumber) };
}
