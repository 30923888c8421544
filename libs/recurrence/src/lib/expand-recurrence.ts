import ICAL from 'ical.js';
import type { DateValue } from './date-value';
import { dateKey, fromIcalTime, toIcalTime, wallKey } from './date-value';
import type { RecurrenceRule } from './recurrence-rule';
import { RecurrenceErrorCode, recurrenceError } from './recurrence.errors';

/** A recurrence set (RFC 5545 3.8.5): DTSTART, its RRULEs, RDATEs and EXDATEs. */
export interface RecurrenceSet {
  readonly start: DateValue;
  readonly rules: readonly RecurrenceRule[];
  readonly dates?: readonly DateValue[];
  readonly exceptions?: readonly DateValue[];
}

/**
 * The time zone of a DATE-TIME start with a TZID, as the caller's zone code computes it: the UTC
 * instant (epoch ms) of a local wall time. Needed only to compare UTC values (UNTIL or EXDATE ending
 * in Z) with local occurrences; without it such values are read as local wall times.
 */
export type ToUtcMs = (local: DateValue) => number;

export interface ExpansionWindow {
  /** Last date (inclusive, local) an occurrence may start on. Required: rules may be unbounded. */
  readonly through: DateValue;
  /** First date (inclusive) to return; earlier occurrences still count towards COUNT. */
  readonly from?: DateValue;
  /** Refuses sets with more occurrences than this up to `through` (default 10,000). */
  readonly maxOccurrences?: number;
  readonly toUtcMs?: ToUtcMs;
}

const DEFAULT_MAX_OCCURRENCES = 10_000;
const DAY_PARTS = ['BYMONTHDAY', 'BYDAY', 'BYYEARDAY', 'BYWEEKNO'];

function numbers(list: string | undefined): number[] {
  return list === undefined ? [] : list.split(',').map(Number);
}

/**
 * ical.js 2.2 rolls dates that do not exist over into the next month (a yearly 29 February gives
 * 1 March in common years; BYMONTH=2;BYMONTHDAY=30 gives 2 March). RFC 5545 says such instances
 * are ignored and not counted: this drops candidates that miss the month or day the rule fixes.
 */
function keepsAnchors(rule: RecurrenceRule, start: DateValue, t: ICAL.Time): boolean {
  const byMonth = numbers(rule.parts.get('BYMONTH'));
  if (byMonth.length > 0 && !byMonth.includes(t.month)) return false;
  const byMonthDay = numbers(rule.parts.get('BYMONTHDAY'));
  const length = ICAL.Time.daysInMonth(t.month, t.year);
  if (byMonthDay.length > 0 && !byMonthDay.some((md) => (md > 0 ? md : length + md + 1) === t.day)) return false;
  const dayFixed = !DAY_PARTS.some((part) => rule.parts.has(part));
  if (dayFixed && rule.freq === 'YEARLY') return t.day === start.day && (byMonth.length > 0 || t.month === start.month);
  if (dayFixed && rule.freq === 'MONTHLY') return t.day === start.day;
  return true;
}

/** Whether `occurrence` lies after the rule's UNTIL (inclusive bound; RFC 5545 3.3.10). */
function afterUntil(occurrence: DateValue, until: DateValue, toUtcMs: ToUtcMs | undefined): boolean {
  if (occurrence.kind === 'date' || until.kind === 'date') return dateKey(occurrence) > dateKey(until);
  if (occurrence.utc === until.utc || toUtcMs === undefined) return wallKey(occurrence) > wallKey(until);
  return toUtcMs(occurrence) > toUtcMs(until);
}

/** Whether an EXDATE removes the occurrence: same date when either is a DATE, else the same time. */
function excludes(exception: DateValue, occurrence: DateValue, toUtcMs: ToUtcMs | undefined): boolean {
  if (exception.kind === 'date' || occurrence.kind === 'date') return dateKey(exception) === dateKey(occurrence);
  if (exception.utc === occurrence.utc || toUtcMs === undefined) return wallKey(exception) === wallKey(occurrence);
  return toUtcMs(exception) === toUtcMs(occurrence);
}

function expandRule(set: RecurrenceSet, rule: RecurrenceRule, window: ExpansionWindow, max: number): DateValue[] {
  const { start } = set;
  // DTSTART is always the first instance and counts towards COUNT (RFC 5545 3.8.5.3).
  const occurrences: DateValue[] = [start];
  const startKey = wallKey(start);
  const lastKey = dateKey(window.through);
  const iterator = rule.pattern.iterator(toIcalTime(start));
  // Each pass yields a later candidate; the cap only guards against a pattern that never advances.
  for (let guard = 0; guard < 50 * max + 1000; guard += 1) {
    const next = iterator.next();
    if (next === null) return occurrences;
    const occurrence = fromIcalTime(next, start);
    if (dateKey(occurrence) > lastKey) return occurrences;
    if (wallKey(occurrence) <= startKey || !keepsAnchors(rule, start, next)) continue;
    if (rule.until !== null && afterUntil(occurrence, rule.until, window.toUtcMs)) return occurrences;
    if (rule.count !== null && occurrences.length >= rule.count) return occurrences;
    if (occurrences.length >= max) {
      throw recurrenceError(RecurrenceErrorCode.InvalidWindow, String(max), `more than ${max} occurrences up to the end of the window`);
    }
    occurrences.push(occurrence);
  }
  throw recurrenceError(RecurrenceErrorCode.InvalidWindow, String(max), 'the rule does not advance');
}

/**
 * Occurrence starts of a recurrence set up to `window.through`, ascending and without duplicates:
 * DTSTART, every RRULE's instances (COUNT counted from DTSTART, UNTIL inclusive), plus RDATEs, minus
 * EXDATEs (removed after COUNT, as RFC 5545 wants). Expansion happens in the local time of DTSTART, as
 * the RFC says; instants are the caller's business (its time zone code, see `ToUtcMs`). A set
 * without rules is DTSTART and its RDATEs. Pure: no clock, no I/O, no time zone database.
 */
export function expandRecurrence(set: RecurrenceSet, window: ExpansionWindow): DateValue[] {
  const max = window.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES;
  if (!Number.isSafeInteger(max) || max < 1) {
    throw recurrenceError(RecurrenceErrorCode.InvalidWindow, String(max), 'maxOccurrences must be a positive integer');
  }
  const candidates = set.rules.length === 0 ? [set.start] : set.rules.flatMap((rule) => expandRule(set, rule, window, max));
  candidates.push(...(set.dates ?? []).filter((date) => dateKey(date) <= dateKey(window.through)));
  const exceptions = set.exceptions ?? [];
  const fromKey = window.from === undefined ? -Infinity : dateKey(window.from);
  const byKey = new Map<number, DateValue>();
  for (const occurrence of candidates) {
    if (dateKey(occurrence) < fromKey || exceptions.some((exception) => excludes(exception, occurrence, window.toUtcMs))) continue;
    byKey.set(wallKey(occurrence), occurrence);
  }
  if (byKey.size > max) {
    throw recurrenceError(RecurrenceErrorCode.InvalidWindow, String(max), `more than ${max} occurrences up to the end of the window`);
  }
  return [...byKey.entries()].sort(([a], [b]) => a - b).map(([, occurrence]) => occurrence);
}
