import { civilFromDays, DAY_MS, daysFromCivil, isValidTimeZone, localDayOf, localToUtc, MINUTE_MS, offsetAt, weekdayOfDay } from '@itsm/recurrence';
import type { QuietHours } from './notification-preferences';

/** The zone a person's times are read in, and the named zones passed over because they are not IANA zones. */
export interface ResolvedZone {
  readonly zone: string;
  readonly rejected: readonly string[];
}

/**
 * The first valid zone among `candidates` (the quiet hours' own, the directory's), else `fallback`
 * (the platform default, checked at boot). An invalid one falls back and is reported in `rejected`.
 */
export function resolveZone(candidates: readonly (string | null | undefined)[], fallback: string): ResolvedZone {
  const rejected: string[] = [];
  for (const candidate of candidates) {
    if (candidate === null || candidate === undefined || candidate === '') continue;
    if (isValidTimeZone(candidate)) return { zone: candidate, rejected };
    rejected.push(candidate);
  }
  return { zone: fallback, rejected };
}

/** The local day number and minute of the day in `zone` at `now`. */
function localClock(zone: string, now: number): { day: number; minute: number } {
  const wall = now + offsetAt(zone, now);
  const day = Math.floor(wall / DAY_MS);
  return { day, minute: Math.floor((wall - day * DAY_MS) / MINUTE_MS) };
}

/** The instant of local day `day` (days since 1970-01-01) at `minuteOfDay` in `zone`, DST-correct (a skipped time: the later instant). */
function atLocal(zone: string, day: number, minuteOfDay: number): number {
  const { y, m, d } = civilFromDays(day);
  return localToUtc(zone, y, m, d, minuteOfDay);
}

/** The next instant strictly after `now` at which the local clock in `zone` reads `minuteOfDay`. */
export function nextLocal(zone: string, now: number, minuteOfDay: number): number {
  const { y, m, d } = localDayOf(zone, now);
  const today = daysFromCivil(y, m, d);
  const candidate = atLocal(zone, today, minuteOfDay);
  return candidate > now ? candidate : atLocal(zone, today + 1, minuteOfDay);
}

const startsOn = (quiet: QuietHours, day: number): boolean => quiet.days === null || quiet.days.includes(weekdayOfDay(day));

/**
 * When the quiet window `now` falls in ends (in `zone`, across DST changes), or null when `now` is
 * outside every window. A window belongs to the day it starts on (`days`); one whose start is after
 * its end runs past midnight into the next day.
 */
export function quietUntil(quiet: QuietHours, zone: string, now: number): number | null {
  const { day, minute } = localClock(zone, now);
  const { startMinute: start, endMinute: end } = quiet;
  let endDay: number | null = null;
  if (start < end) {
    if (minute >= start && minute < end && startsOn(quiet, day)) endDay = day;
  } else if (minute >= start && startsOn(quiet, day)) {
    endDay = day + 1;
  } else if (minute < end && startsOn(quiet, day - 1)) {
    endDay = day;
  }
  if (endDay === null) return null;
  const until = atLocal(zone, endDay, end);
  return until > now ? until : null;
}
