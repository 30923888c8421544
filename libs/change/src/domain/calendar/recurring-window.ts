import type { DateValue, RecurrenceRule } from '@itsm/recurrence';
import type { ZoneOffsets } from '@itsm/recurrence';
import { DAY_MS, MINUTE_MS, RecurrenceError, RecurrenceErrorCode, assertTimeZone, daysFromCivil, expandRecurrence, localDayOf, localToUtc, parseRecurrenceRule, wallToUtc } from '@itsm/recurrence';
import { ChangeError, ChangeErrorCode } from '../change.errors';
import type { Interval } from './intervals';

/**
 * A local wall time recurring in an IANA zone for a duration: what a maintenance window and a CAB
 * meeting series share (checked and expanded the same way, DST-correct).
 */
export interface RecurringWindowSpec {
  /** RFC 5545 RRULE value, e.g. `FREQ=WEEKLY;BYDAY=SA`; recurring at most daily. */
  readonly rrule: string;
  /** The first occurrence's local wall time in `timeZone` (DTSTART), `YYYY-MM-DDTHH:MM`. */
  readonly firstStart: string;
  /** Elapsed minutes from each start (a window over a DST change lasts its real length). */
  readonly durationMinutes: number;
  /** IANA zone the wall times are read in. */
  readonly timeZone: string;
}

/** A checked recurrence ready to expand (its rule parsed once). */
export interface CompiledRecurringWindow {
  readonly timeZone: string;
  readonly durationMs: number;
  readonly start: DateValue;
  readonly rule: RecurrenceRule;
}

const MAX_DURATION_MINUTES = 7 * 24 * 60;
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const TOO_FREQUENT = new Set(['SECONDLY', 'MINUTELY', 'HOURLY']);

export function invalidWindow(field: string, message: string, code = ChangeErrorCode.InvalidInput, details: Record<string, string> = {}): ChangeError {
  return new ChangeError(code, message, { field, ...details });
}

export function windowText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw invalidWindow(field, `${field} must be a non-empty text of at most ${max} characters`);
  }
  return value.trim();
}

function wallTime(value: string): DateValue {
  const match = WALL_TIME.exec(value);
  const [y, m, d, hh, mm] = match === null ? [] : match.slice(1).map(Number);
  if (y === undefined || m === undefined || d === undefined || hh === undefined || mm === undefined || hh > 23 || mm > 59) {
    throw invalidWindow('firstStart', `firstStart "${value}" is not a local wall time YYYY-MM-DDTHH:MM`);
  }
  // localToUtc refuses impossible dates (2026-02-30) with InvalidDate.
  return { kind: 'date-time', year: y, month: m, day: d, hour: hh, minute: mm, second: 0, utc: false };
}

function rule(rrule: string): RecurrenceRule {
  const parsed = parseRecurrenceRule(rrule);
  if (TOO_FREQUENT.has(parsed.freq)) {
    throw new RecurrenceError(RecurrenceErrorCode.UnsupportedRule, `recurring windows recur at most daily: "${rrule}"`, { value: rrule, problem: 'recurs more often than daily' });
  }
  return parsed;
}

/** RecurrenceError (bad rule, impossible date, unknown zone) in the change context's codes. */
function asChangeError(error: unknown): unknown {
  if (!(error instanceof RecurrenceError)) return error;
  if (error.code === RecurrenceErrorCode.UnknownTimeZone) {
    return invalidWindow('timeZone', error.message, ChangeErrorCode.UnknownTimeZone, { timeZone: String(error.details['timeZone']) });
  }
  if (error.code === RecurrenceErrorCode.InvalidDate && error.details['field'] === 'localTime') {
    return invalidWindow('firstStart', `firstStart is not a real local date and time: ${error.message}`);
  }
  return invalidWindow('rrule', `Bad recurrence: ${error.message}`, ChangeErrorCode.InvalidRecurrence, { value: error.value, problem: error.problem });
}

/**
 * Checks a recurring window: an RRULE the platform expands (at most daily), a real first start, a
 * duration of 1 minute to 7 days, an IANA zone. Throws ChangeError (InvalidInput, InvalidRecurrence,
 * UnknownTimeZone) naming the field.
 */
export function compileRecurringWindow(spec: RecurringWindowSpec): CompiledRecurringWindow {
  const minutes = spec.durationMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_DURATION_MINUTES) {
    throw invalidWindow('durationMinutes', `durationMinutes must be a whole number from 1 to ${MAX_DURATION_MINUTES}`);
  }
  const start = wallTime(String(spec.firstStart));
  try {
    assertTimeZone(spec.timeZone);
    const compiled: CompiledRecurringWindow = { timeZone: spec.timeZone, durationMs: minutes * MINUTE_MS, start, rule: rule(windowText(spec.rrule, 'rrule', 500)) };
    localToUtc(spec.timeZone, start.year, start.month, start.day, 0);
    return compiled;
  } catch (error) {
    throw asChangeError(error);
  }
}

function startInstant(window: CompiledRecurringWindow, local: DateValue, offsets: ZoneOffsets | undefined): number {
  const [hour, minute] = local.kind === 'date-time' ? [local.hour, local.minute] : [0, 0];
  const wall = daysFromCivil(local.year, local.month, local.day) * DAY_MS + (hour * 60 + minute) * MINUTE_MS;
  return offsets === undefined ? wallToUtc(window.timeZone, wall) : offsets.wallToUtc(wall);
}

function localDate(zone: string, ms: number): DateValue {
  const { y, m, d } = localDayOf(zone, ms);
  return { kind: 'date', year: y, month: m, day: d };
}

/**
 * The window's occurrences that overlap `range`, as UTC intervals, ascending. Each start is the
 * wall time in the window's zone on its local date (a start in a spring-forward gap moves to the
 * first valid instant after it, an ambiguous one takes the first), so 22:00 Europe/Berlin stays
 * 22:00 local across DST changes. `offsets` (the window's zone as a transition table) makes long
 * expansions cheap; without it each start asks ICU.
 */
export function expandRecurringWindow(window: CompiledRecurringWindow, range: Interval, offsets?: ZoneOffsets): Interval[] {
  const zone = window.timeZone;
  const occurrences = expandRecurrence(
    { start: window.start, rules: [window.rule] },
    {
      from: localDate(zone, range.start - window.durationMs),
      through: localDate(zone, range.end),
      toUtcMs: (local) => (local.kind === 'date-time' && local.utc ? Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) : startInstant(window, local, offsets)),
    },
  );
  const intervals: Interval[] = [];
  for (const occurrence of occurrences) {
    const start = startInstant(window, occurrence, offsets);
    const end = start + window.durationMs;
    if (start < range.end && end > range.start) intervals.push({ start, end });
  }
  return intervals;
}
