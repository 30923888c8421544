import { SlaError, SlaErrorCode } from '../sla.errors';
import type { Weekday } from '@itsm/recurrence';
import { WEEKDAYS, isWeekday, parseIsoDate } from '@itsm/recurrence';

/** 'HH:MM' local wall time; `end` may be '24:00' (the next local midnight). */
export interface TimeOfDayInterval {
  readonly start: string;
  readonly end: string;
}

/** A whole local day without working time; `date` is 'YYYY-MM-DD' in the calendar's time zone. */
export interface Holiday {
  readonly date: string;
  readonly name: string;
}

export interface BusinessCalendarSpec {
  readonly id: string;
  readonly name: string;
  readonly week: Readonly<Partial<Record<Weekday, readonly TimeOfDayInterval[]>>>;
  readonly holidays: readonly Holiday[];
}

const HH_MM = /^(\d{2}):(\d{2})$/;

/** 'HH:MM' to minutes since midnight; '24:00' only when `allowMidnightEnd`. Null when malformed. */
export function parseTimeOfDay(text: string, allowMidnightEnd: boolean): number | null {
  const match = typeof text === 'string' ? HH_MM.exec(text) : null;
  if (match === null) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0) return allowMidnightEnd ? 1440 : null;
  return hours <= 23 && minutes <= 59 ? hours * 60 + minutes : null;
}

function invalid(field: string, problem: string, extra: Record<string, string | number> = {}): SlaError {
  return new SlaError(SlaErrorCode.InvalidCalendar, `Invalid business calendar: ${field}: ${problem}`, { field, ...extra });
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, `${field} must not be empty`);
  return value;
}

interface ParsedInterval {
  readonly start: number;
  readonly end: number;
  readonly source: TimeOfDayInterval;
  readonly field: string;
}

function parseInterval(interval: TimeOfDayInterval | null | undefined, field: string): ParsedInterval {
  if (typeof interval !== 'object' || interval === null) throw invalid(field, 'expected an interval {start, end}');
  const start = parseTimeOfDay(interval.start, false);
  if (start === null) {
    throw invalid(`${field}.start`, `"${String(interval.start)}" is not a valid HH:MM start time (00:00..23:59)`, {
      value: String(interval.start),
    });
  }
  const end = parseTimeOfDay(interval.end, true);
  if (end === null) {
    throw invalid(`${field}.end`, `"${String(interval.end)}" is not a valid HH:MM end time (00:01..24:00)`, {
      value: String(interval.end),
    });
  }
  if (start >= end) {
    throw invalid(field, `start ${interval.start} must be before end ${interval.end}`, {
      start: interval.start,
      end: interval.end,
    });
  }
  return { start, end, source: { start: interval.start, end: interval.end }, field };
}

function normaliseDay(day: Weekday, intervals: readonly TimeOfDayInterval[]): TimeOfDayInterval[] {
  if (!Array.isArray(intervals)) throw invalid(`week.${day}`, 'expected a list of intervals');
  const parsed = intervals
    .map((interval, i) => parseInterval(interval, `week.${day}[${i}]`))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < parsed.length; i += 1) {
    const previous = parsed[i - 1];
    const current = parsed[i];
    if (previous === undefined || current === undefined || previous.end <= current.start) continue;
    const pair = `${current.source.start}-${current.source.end}`;
    const other = `${previous.source.start}-${previous.source.end}`;
    const duplicate = previous.start === current.start && previous.end === current.end;
    throw invalid(
      current.field,
      duplicate ? `duplicate interval ${pair} on ${day}` : `interval ${pair} overlaps ${other} on ${day}`,
      { weekday: day, interval: pair, conflictsWith: other },
    );
  }
  return parsed.map((p) => p.source);
}

/** Holidays sorted by date, one per date (names of duplicates joined with ' / '). Dates must be valid. */
export function mergeHolidays(holidays: readonly Holiday[]): Holiday[] {
  const byDate = new Map<string, string[]>();
  for (const holiday of holidays) {
    const names = byDate.get(holiday.date);
    if (names === undefined) byDate.set(holiday.date, [holiday.name]);
    else if (!names.includes(holiday.name)) names.push(holiday.name);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, names]) => ({ date, name: names.join(' / ') }));
}

function validateHolidays(holidays: readonly Holiday[]): Holiday[] {
  if (!Array.isArray(holidays)) throw invalid('holidays', 'expected a list of holidays');
  holidays.forEach((holiday: Holiday | null | undefined, i) => {
    const field = `holidays[${i}]`;
    if (typeof holiday !== 'object' || holiday === null) throw invalid(field, 'expected a holiday {date, name}');
    if (typeof holiday.date !== 'string' || parseIsoDate(holiday.date) === null) {
      throw invalid(`${field}.date`, `"${String(holiday.date)}" is not a valid YYYY-MM-DD date`, {
        value: String(holiday.date),
      });
    }
    requireText(holiday.name, `${field}.name`);
  });
  return mergeHolidays(holidays);
}

/**
 * Checks a calendar and returns a normalised copy: intervals sorted per day, holidays sorted by date
 * with duplicates merged. Throws SlaError(InvalidCalendar) naming the field and the problem.
 */
export function validateCalendar(spec: BusinessCalendarSpec): BusinessCalendarSpec {
  if (typeof spec !== 'object' || spec === null) throw invalid('calendar', 'expected a calendar object');
  const id = requireText(spec.id, 'id');
  const name = requireText(spec.name, 'name');
  if (typeof spec.week !== 'object' || spec.week === null) throw invalid('week', 'expected working hours per weekday');
  for (const key of Object.keys(spec.week)) {
    if (!isWeekday(key)) throw invalid(`week.${key}`, `"${key}" is not a weekday (mon..sun)`, { value: key });
  }
  const week: Partial<Record<Weekday, readonly TimeOfDayInterval[]>> = {};
  let hasWorkingTime = false;
  for (const day of WEEKDAYS) {
    const intervals = spec.week[day];
    if (intervals === undefined) continue;
    const normalised = normaliseDay(day, intervals);
    week[day] = normalised;
    hasWorkingTime ||= normalised.length > 0;
  }
  if (!hasWorkingTime) throw invalid('week', 'no working time in the whole week');
  return { id, name, week, holidays: validateHolidays(spec.holidays) };
}

const ALL_DAY: readonly TimeOfDayInterval[] = Object.freeze([Object.freeze({ start: '00:00', end: '24:00' })]);

/** Open around the clock, every day, no holidays: business time equals elapsed time. */
export const ALWAYS_OPEN: BusinessCalendarSpec = Object.freeze({
  id: '24x7',
  name: 'Always open (24x7)',
  week: Object.freeze(Object.fromEntries(WEEKDAYS.map((day) => [day, ALL_DAY])) as Record<Weekday, readonly TimeOfDayInterval[]>),
  holidays: Object.freeze([]),
});
