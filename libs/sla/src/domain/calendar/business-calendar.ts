import { SlaError, SlaErrorCode } from '../sla.errors';
import type { BusinessCalendarSpec } from './calendar-spec';
import { parseTimeOfDay, validateCalendar } from './calendar-spec';
import { DAY_MS, MINUTE_MS, WEEKDAYS, parseIsoDate, weekdayIndexOfDay } from '@itsm/recurrence';
import { assertTimeZone, offsetAt, wallToUtc } from './zoned-time';

export type { BusinessCalendarSpec, Holiday, TimeOfDayInterval } from './calendar-spec';
export { ALWAYS_OPEN, validateCalendar } from './calendar-spec';
export type { Weekday } from '@itsm/recurrence';
export { WEEKDAYS } from '@itsm/recurrence';
export { assertTimeZone, isValidTimeZone } from './zoned-time';

export interface CompiledCalendar {
  readonly timeZone: string;
  /**
   * Earliest instant t >= fromMs with businessTimeBetween(fromMs, t) === durationMs. Duration 0 gives
   * fromMs; a duration used up exactly at a closing time gives that closing instant.
   */
  addBusinessTime(fromMs: number, durationMs: number): number;
  /** Business milliseconds in [fromMs, toMs); 0 when toMs <= fromMs. */
  businessTimeBetween(fromMs: number, toMs: number): number;
  isWorkingAt(ms: number): boolean;
}

/** One local day: its bounds and its working intervals, all as UTC instants (flat [start, end, ...]). */
interface CalendarDay {
  readonly start: number;
  readonly end: number;
  readonly intervals: readonly number[];
}

const NO_INTERVALS: readonly number[] = Object.freeze([]);
/** Bounds memory for long-running processes; ~137 years of days. */
const MAX_CACHED_DAYS = 50_000;

function requireFinite(value: number, field: string): void {
  if (!Number.isFinite(value)) {
    throw new SlaError(SlaErrorCode.InvalidInput, `${field} must be a finite number of milliseconds, got ${String(value)}`, {
      field,
    });
  }
}

/** Sorts [start, end] pairs, drops empty ones and merges overlapping or touching ones, flattened. */
function mergePairs(pairs: [number, number][]): number[] {
  pairs.sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (const [start, end] of pairs) {
    if (end <= start) continue;
    const last = flat.length - 1;
    if (last > 0 && start <= (flat[last] ?? -Infinity)) flat[last] = Math.max(flat[last] ?? end, end);
    else flat.push(start, end);
  }
  return flat;
}

/** Working minutes per weekday (index 0 = Monday), touching intervals merged: [start, end, ...]. */
function weeklyMinutes(spec: BusinessCalendarSpec): number[][] {
  return WEEKDAYS.map((day) =>
    mergePairs(
      (spec.week[day] ?? []).map((interval): [number, number] => [
        parseTimeOfDay(interval.start, false) ?? 0,
        parseTimeOfDay(interval.end, true) ?? 0,
      ]),
    ),
  );
}

class ZonedBusinessCalendar implements CompiledCalendar {
  private readonly days = new Map<number, CalendarDay>();
  /** Offset of the last computed day; the first guess of which local day an instant falls on. */
  private guessOffset: number;

  constructor(
    readonly timeZone: string,
    private readonly week: readonly (readonly number[])[],
    private readonly holidays: ReadonlySet<number>,
  ) {
    this.guessOffset = offsetAt(timeZone, 0);
  }

  addBusinessTime(fromMs: number, durationMs: number): number {
    requireFinite(fromMs, 'fromMs');
    requireFinite(durationMs, 'durationMs');
    if (durationMs < 0) {
      throw new SlaError(SlaErrorCode.InvalidInput, `durationMs must not be negative, got ${durationMs}`, { field: 'durationMs' });
    }
    if (durationMs === 0) return fromMs;
    let remaining = durationMs;
    for (let n = this.dayNumberOf(fromMs); ; n += 1) {
      const intervals = this.day(n).intervals;
      for (let i = 0; i < intervals.length; i += 2) {
        const end = intervals[i + 1] ?? 0;
        if (end <= fromMs) continue;
        const start = Math.max(intervals[i] ?? 0, fromMs);
        if (remaining <= end - start) return start + remaining;
        remaining -= end - start;
      }
    }
  }

  businessTimeBetween(fromMs: number, toMs: number): number {
    requireFinite(fromMs, 'fromMs');
    requireFinite(toMs, 'toMs');
    if (toMs <= fromMs) return 0;
    let total = 0;
    for (let n = this.dayNumberOf(fromMs); ; n += 1) {
      const day = this.day(n);
      if (day.start >= toMs) return total;
      const intervals = day.intervals;
      for (let i = 0; i < intervals.length; i += 2) {
        const start = Math.max(intervals[i] ?? 0, fromMs);
        const end = Math.min(intervals[i + 1] ?? 0, toMs);
        if (end > start) total += end - start;
      }
    }
  }

  isWorkingAt(ms: number): boolean {
    requireFinite(ms, 'ms');
    const intervals = this.day(this.dayNumberOf(ms)).intervals;
    for (let i = 0; i < intervals.length; i += 2) {
      if (ms >= (intervals[i] ?? 0) && ms < (intervals[i + 1] ?? 0)) return true;
    }
    return false;
  }

  /** The local day (number) whose [start, end) holds `ms`: a guess, corrected by at most a step. */
  private dayNumberOf(ms: number): number {
    let n = Math.floor((ms + this.guessOffset) / DAY_MS);
    while (ms < this.day(n).start) n -= 1;
    while (ms >= this.day(n).end) n += 1;
    return n;
  }

  private day(n: number): CalendarDay {
    const cached = this.days.get(n);
    if (cached !== undefined) return cached;
    if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
    const computed = this.computeDay(n);
    this.days.set(n, computed);
    this.guessOffset = n * DAY_MS - computed.start;
    return computed;
  }

  /** The only place that calls Intl: on a cache miss, a couple of offset look-ups per day. */
  private computeDay(n: number): CalendarDay {
    const wallStart = n * DAY_MS;
    const before = offsetAt(this.timeZone, wallStart - DAY_MS);
    const after = offsetAt(this.timeZone, wallStart + 2 * DAY_MS);
    const toUtc =
      before === after ? (wall: number): number => wall - before : (wall: number): number => wallToUtc(this.timeZone, wall);
    const start = toUtc(wallStart);
    const end = toUtc(wallStart + DAY_MS);
    const minutes = this.week[weekdayIndexOfDay(n)] ?? [];
    if (minutes.length === 0 || this.holidays.has(n)) return { start, end, intervals: NO_INTERVALS };
    const pairs: [number, number][] = [];
    for (let i = 0; i < minutes.length; i += 2) {
      pairs.push([
        Math.max(start, toUtc(wallStart + (minutes[i] ?? 0) * MINUTE_MS)),
        Math.min(end, toUtc(wallStart + (minutes[i + 1] ?? 0) * MINUTE_MS)),
      ]);
    }
    return { start, end, intervals: mergePairs(pairs) };
  }
}

/** Open every day around the clock, no holidays: business time is elapsed time, no Intl at all. */
class AlwaysOpenCalendar implements CompiledCalendar {
  constructor(readonly timeZone: string) {}

  addBusinessTime(fromMs: number, durationMs: number): number {
    requireFinite(fromMs, 'fromMs');
    requireFinite(durationMs, 'durationMs');
    if (durationMs < 0) {
      throw new SlaError(SlaErrorCode.InvalidInput, `durationMs must not be negative, got ${durationMs}`, { field: 'durationMs' });
    }
    return fromMs + durationMs;
  }

  businessTimeBetween(fromMs: number, toMs: number): number {
    requireFinite(fromMs, 'fromMs');
    requireFinite(toMs, 'toMs');
    return toMs > fromMs ? toMs - fromMs : 0;
  }

  isWorkingAt(ms: number): boolean {
    requireFinite(ms, 'ms');
    return true;
  }
}

/**
 * Compiles a calendar for one IANA time zone, in which its working hours and holidays are read.
 * Throws SlaError(UnknownTimeZone) for a bad zone and SlaError(InvalidCalendar) for a bad spec.
 * Keep the result: it caches each local day's working intervals as instants.
 */
export function compileCalendar(spec: BusinessCalendarSpec, timeZone: string): CompiledCalendar {
  assertTimeZone(timeZone);
  const valid = validateCalendar(spec);
  const week = weeklyMinutes(valid);
  const holidays = new Set(valid.holidays.map((holiday) => parseIsoDate(holiday.date) ?? 0));
  const alwaysOpen = holidays.size === 0 && week.every((day) => day.length === 2 && day[0] === 0 && day[1] === 1440);
  return alwaysOpen ? new AlwaysOpenCalendar(timeZone) : new ZonedBusinessCalendar(timeZone, week, holidays);
}
