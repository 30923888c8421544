import { SlaError, SlaErrorCode } from '../sla.errors';
import type { Holiday } from './calendar-spec';
import { mergeHolidays } from './calendar-spec';
import { daysFromCivil, formatIsoDate } from './civil-date';
import type { ContentLine, ICalComponent } from './ical-content';
import { parseICalendar, unescapeText } from './ical-content';
import { propertyDate, propertyDateList } from './ical-dates';
import { expandYearly, parseYearlyRule } from './ical-rrule';

export interface SkippedEvent {
  readonly uid: string | null;
  readonly summary: string | null;
  readonly reason: string;
}

export interface ICalendarImport {
  /** Sorted by date, one per date (names of same-day events joined with ' / '). */
  readonly holidays: readonly Holiday[];
  /** Events that could not become holidays (timed, cancelled, unsupported recurrence), with why. */
  readonly skipped: readonly SkippedEvent[];
}

export interface YearRange {
  readonly fromYear: number;
  readonly toYear: number;
}

const UNTITLED = 'Untitled holiday';
const DAY_DURATION = /^P(?:(\d+)W|(\d+)D)$/;

type EventResult = { readonly days: number[]; readonly name: string } | { readonly skip: string };

function first(event: ICalComponent, name: string): ContentLine | undefined {
  return event.properties.find((property) => property.name === name);
}

function all(event: ICalComponent, name: string): ContentLine[] {
  return event.properties.filter((property) => property.name === name);
}

/** How many days an all-day event covers: DTEND is exclusive; DURATION as whole days or weeks. */
function spanInDays(event: ICalComponent, startDay: number): number | string {
  const dtEnd = first(event, 'DTEND');
  if (dtEnd !== undefined) return Math.max(1, propertyDate(dtEnd).day - startDay);
  const duration = first(event, 'DURATION');
  if (duration === undefined) return 1;
  const match = DAY_DURATION.exec(duration.value.trim());
  if (match === null) return `unsupported DURATION ${duration.value.trim()} (only whole days or weeks)`;
  const days = match[1] === undefined ? Number(match[2]) : Number(match[1]) * 7;
  return Math.max(1, days);
}

function occurrenceDays(event: ICalComponent, startDay: number, toYear: number): number[] | string {
  const rules = all(event, 'RRULE');
  const days = new Set<number>(rules.length === 0 ? [startDay] : []);
  for (const property of rules) {
    const parsed = parseYearlyRule(property.value, property.line);
    if (!parsed.ok) return parsed.reason;
    for (const day of expandYearly(parsed.rule, startDay, toYear)) days.add(day);
  }
  for (const property of all(event, 'RDATE')) for (const day of propertyDateList(property)) days.add(day);
  for (const property of all(event, 'EXDATE')) for (const day of propertyDateList(property)) days.delete(day);
  return [...days];
}

function readEvent(event: ICalComponent, replaced: ReadonlySet<number>, range: YearRange): EventResult {
  if (first(event, 'STATUS')?.value.trim().toUpperCase() === 'CANCELLED') return { skip: 'cancelled (STATUS:CANCELLED)' };
  const dtStart = first(event, 'DTSTART');
  if (dtStart === undefined) return { skip: 'no DTSTART' };
  const start = propertyDate(dtStart);
  if (start.timed) return { skip: 'timed event: DTSTART has a time of day; only all-day events become holidays' };
  const span = spanInDays(event, start.day);
  if (typeof span === 'string') return { skip: span };
  const occurrences = occurrenceDays(event, start.day, range.toYear);
  if (typeof occurrences === 'string') return { skip: occurrences };
  const firstDay = daysFromCivil(range.fromYear, 1, 1);
  const lastDay = daysFromCivil(range.toYear, 12, 31);
  const days: number[] = [];
  for (const occurrence of occurrences) {
    if (replaced.has(occurrence)) continue;
    for (let day = Math.max(occurrence, firstDay); day < occurrence + span && day <= lastDay; day += 1) days.push(day);
  }
  const summary = first(event, 'SUMMARY');
  return { days, name: summary === undefined ? UNTITLED : unescapeText(summary.value).trim() || UNTITLED };
}

/** Per UID, the occurrence dates that a RECURRENCE-ID override replaces (or cancels). */
function replacedOccurrences(events: readonly ICalComponent[]): Map<string, Set<number>> {
  const replaced = new Map<string, Set<number>>();
  for (const event of events) {
    const recurrenceId = first(event, 'RECURRENCE-ID');
    const uid = first(event, 'UID')?.value.trim();
    if (recurrenceId === undefined || uid === undefined) continue;
    const days = replaced.get(uid) ?? new Set<number>();
    days.add(propertyDate(recurrenceId).day);
    replaced.set(uid, days);
  }
  return replaced;
}

function assertRange(range: YearRange): void {
  const { fromYear, toYear } = range;
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear < 1 || toYear > 9999 || fromYear > toYear) {
    throw new SlaError(
      SlaErrorCode.InvalidInput,
      `Invalid year range ${String(fromYear)}..${String(toYear)}: expects integers 1 <= fromYear <= toYear <= 9999`,
      { field: 'range' },
    );
  }
}

/**
 * Reads all-day VEVENTs of an iCalendar (RFC 5545) text as holidays within [fromYear, toYear].
 * Throws SlaError(InvalidICalendar), naming the line, for broken structure or a malformed date;
 * events it cannot use are listed in `skipped` instead.
 */
export function importICalendarHolidays(text: string, range: YearRange): ICalendarImport {
  assertRange(range);
  const events = parseICalendar(text).flatMap((calendar) => calendar.components.filter((c) => c.name === 'VEVENT'));
  const replaced = replacedOccurrences(events);
  const holidays: Holiday[] = [];
  const skipped: SkippedEvent[] = [];
  const none = new Set<number>();
  for (const event of events) {
    const uid = first(event, 'UID')?.value.trim() ?? null;
    const isMaster = first(event, 'RECURRENCE-ID') === undefined;
    const result = readEvent(event, (isMaster && uid !== null ? replaced.get(uid) : undefined) ?? none, range);
    if ('skip' in result) {
      const summary = first(event, 'SUMMARY');
      skipped.push({ uid, summary: summary === undefined ? null : unescapeText(summary.value).trim(), reason: result.skip });
    } else {
      for (const day of result.days) holidays.push({ date: formatIsoDate(day), name: result.name });
    }
  }
  return { holidays: mergeHolidays(holidays), skipped };
}
