import type { DateValue, RecurrenceRule } from '@itsm/recurrence';
import { RecurrenceError, RecurrenceErrorCode, daysFromCivil, expandRecurrence, formatIsoDate, parseDateValue, parseRecurrenceRule } from '@itsm/recurrence';
import ICAL from 'ical.js';
import { SlaError, SlaErrorCode } from '../sla.errors';
import type { Holiday } from './calendar-spec';
import { mergeHolidays } from './calendar-spec';
import type { ContentLine, ICalComponent } from './ical-document';
import { iCalendarError, parseICalendar, textValue } from './ical-document';

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

type EventResult = { readonly days: number[]; readonly name: string } | { readonly skip: string };

function first(event: ICalComponent, name: string): ContentLine | undefined {
  return event.properties.find((property) => property.name === name);
}

function all(event: ICalComponent, name: string): ContentLine[] {
  return event.properties.filter((property) => property.name === name);
}

/** Reads a date value of the property; a malformed one is fatal, naming the line. */
function dateOf(property: ContentLine, text: string, valueType: string | undefined, what = property.name): DateValue {
  try {
    return parseDateValue(text, valueType);
  } catch (error) {
    if (error instanceof RecurrenceError) {
      throw iCalendarError(property.line, `malformed ${what} date "${error.value}" (${error.problem})`);
    }
    throw error;
  }
}

function propertyDate(property: ContentLine): DateValue {
  return dateOf(property, property.value, property.valueType);
}

/** EXDATE/RDATE: comma-separated dates (a PERIOD counts from its start). */
function propertyDates(property: ContentLine): DateValue[] {
  const period = property.valueType === 'period';
  return property.value
    .split(',')
    .filter((item) => item.trim() !== '')
    .map((item) => dateOf(property, period ? (item.split('/')[0] ?? item) : item, period ? undefined : property.valueType));
}

function dayOf(value: DateValue): number {
  return daysFromCivil(value.year, value.month, value.day);
}

/** How many days an all-day event covers: DTEND is exclusive; DURATION as whole days or weeks. */
function spanInDays(event: ICalComponent, startDay: number): number | string {
  const dtEnd = first(event, 'DTEND');
  if (dtEnd !== undefined) return Math.max(1, dayOf(propertyDate(dtEnd)) - startDay);
  const duration = first(event, 'DURATION');
  if (duration === undefined) return 1;
  const text = duration.value.trim();
  const unsupported = `unsupported DURATION ${text} (only whole days or weeks)`;
  if (!ICAL.Duration.isValueString(text)) return unsupported;
  const parsed = ICAL.Duration.fromString(text);
  if (parsed.isNegative || parsed.hours !== 0 || parsed.minutes !== 0 || parsed.seconds !== 0) return unsupported;
  return Math.max(1, parsed.weeks * 7 + parsed.days);
}

/** The event's rules, or why it is skipped: holidays repeat yearly, so only FREQ=YEARLY is imported. */
function rulesOf(event: ICalComponent): RecurrenceRule[] | string {
  const rules: RecurrenceRule[] = [];
  for (const property of all(event, 'RRULE')) {
    try {
      const rule = parseRecurrenceRule(property.value);
      if (rule.freq !== 'YEARLY') return `unsupported RRULE: FREQ=${rule.freq} (holidays repeat yearly: only FREQ=YEARLY is imported)`;
      rules.push(rule);
    } catch (error) {
      if (!(error instanceof RecurrenceError)) throw error;
      if (error.code === RecurrenceErrorCode.InvalidDate) {
        throw iCalendarError(property.line, `malformed RRULE UNTIL date "${error.value}" (${error.problem})`);
      }
      return `unsupported RRULE: ${error.value} (${error.problem})`;
    }
  }
  return rules;
}

function occurrenceDays(event: ICalComponent, start: DateValue, toYear: number): number[] | string {
  const rules = rulesOf(event);
  if (typeof rules === 'string') return rules;
  const dates = all(event, 'RDATE').flatMap(propertyDates);
  const exceptions = all(event, 'EXDATE').flatMap(propertyDates);
  try {
    const through: DateValue = { kind: 'date', year: toYear, month: 12, day: 31 };
    return expandRecurrence({ start, rules, dates, exceptions }, { through }).map(dayOf);
  } catch (error) {
    if (error instanceof RecurrenceError) return `unsupported RRULE: ${error.problem}`;
    throw error;
  }
}

function readEvent(event: ICalComponent, replaced: ReadonlySet<number>, range: YearRange): EventResult {
  if (first(event, 'STATUS')?.value.trim().toUpperCase() === 'CANCELLED') return { skip: 'cancelled (STATUS:CANCELLED)' };
  const dtStart = first(event, 'DTSTART');
  if (dtStart === undefined) return { skip: 'no DTSTART' };
  const start = propertyDate(dtStart);
  if (start.kind !== 'date') return { skip: 'timed event: DTSTART has a time of day; only all-day events become holidays' };
  const startDay = dayOf(start);
  const span = spanInDays(event, startDay);
  if (typeof span === 'string') return { skip: span };
  const occurrences = occurrenceDays(event, start, range.toYear);
  if (typeof occurrences === 'string') return { skip: occurrences };
  const firstDay = daysFromCivil(range.fromYear, 1, 1);
  const lastDay = daysFromCivil(range.toYear, 12, 31);
  const days: number[] = [];
  for (const occurrence of occurrences) {
    if (replaced.has(occurrence)) continue;
    for (let day = Math.max(occurrence, firstDay); day < occurrence + span && day <= lastDay; day += 1) days.push(day);
  }
  const summary = first(event, 'SUMMARY');
  return { days, name: summary === undefined ? UNTITLED : textValue(summary).trim() || UNTITLED };
}

/** Per UID, the occurrence dates that a RECURRENCE-ID override replaces (or cancels). */
function replacedOccurrences(events: readonly ICalComponent[]): Map<string, Set<number>> {
  const replaced = new Map<string, Set<number>>();
  for (const event of events) {
    const recurrenceId = first(event, 'RECURRENCE-ID');
    const uid = first(event, 'UID')?.value.trim();
    if (recurrenceId === undefined || uid === undefined) continue;
    const days = replaced.get(uid) ?? new Set<number>();
    days.add(dayOf(propertyDate(recurrenceId)));
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
 * Reads all-day VEVENTs of an iCalendar (RFC 5545) text as holidays within [fromYear, toYear]; the
 * recurrence (RRULE with FREQ=YEARLY, RDATE, EXDATE, RECURRENCE-ID overrides) is expanded by
 * `@itsm/recurrence` (ical.js). Throws SlaError(InvalidICalendar), naming the line, for broken
 * structure or a malformed date; events it cannot use are listed in `skipped` instead.
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
      skipped.push({ uid, summary: summary === undefined ? null : textValue(summary).trim(), reason: result.skip });
    } else {
      for (const day of result.days) holidays.push({ date: formatIsoDate(day), name: result.name });
    }
  }
  return { holidays: mergeHolidays(holidays), skipped };
}
