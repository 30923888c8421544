import { civilFromDays, daysFromCivil, daysInMonth, isValidCivilDate } from './civil-date';
import { parseICalDate } from './ical-dates';
import { weekdayIndexOfDay } from './weekday';

/** RRULE with FREQ=YEARLY (RFC 5545 3.3.10): INTERVAL, COUNT, UNTIL, BYMONTH, BYDAY, BYMONTHDAY. */
export interface YearlyRule {
  readonly interval: number;
  readonly count: number | null;
  /** Last day number an occurrence may start on (inclusive). */
  readonly untilDay: number | null;
  readonly byMonth: readonly number[] | null;
  /** ordinal 0 = every such weekday in the period; weekday 0 = Monday. */
  readonly byDay: readonly { readonly ordinal: number; readonly weekday: number }[] | null;
  readonly byMonthDay: readonly number[] | null;
}

export type RuleParseResult = { readonly ok: true; readonly rule: YearlyRule } | { readonly ok: false; readonly reason: string };

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const BY_DAY = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const INTEGER = /^[+-]?\d+$/;

function unsupported(reason: string): RuleParseResult {
  return { ok: false, reason: `unsupported RRULE: ${reason}` };
}

function integerList(value: string, min: number, max: number, allowNegative: boolean): number[] | null {
  const items = value.split(',').map((item) => (INTEGER.test(item) ? Number(item) : NaN));
  const ok = items.every((n) => Number.isInteger(n) && Math.abs(n) >= min && Math.abs(n) <= max && (allowNegative || n > 0));
  return ok && items.length > 0 ? items : null;
}

/**
 * Parses an RRULE value. Anything this module cannot expand comes back as `{ok: false, reason}` (the
 * event is skipped, not fatal); only a malformed UNTIL date throws, like any malformed date.
 */
export function parseYearlyRule(value: string, line: number): RuleParseResult {
  const parts = new Map<string, string>();
  for (const part of value.trim().split(';')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).toUpperCase();
    if (eq <= 0 || parts.has(key)) return unsupported(`malformed part "${part}"`);
    parts.set(key, part.slice(eq + 1).toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq === undefined) return unsupported('no FREQ');
  if (freq !== 'YEARLY') return unsupported(`FREQ=${freq} (only FREQ=YEARLY is supported)`);
  for (const key of parts.keys()) {
    if (!['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYMONTH', 'BYDAY', 'BYMONTHDAY', 'WKST'].includes(key)) {
      return unsupported(`${key} is not supported`);
    }
  }
  const interval = parts.has('INTERVAL') ? integerList(parts.get('INTERVAL') ?? '', 1, 1000, false) : [1];
  if (interval === null || interval.length !== 1) return unsupported(`bad INTERVAL=${parts.get('INTERVAL') ?? ''}`);
  const count = parts.has('COUNT') ? integerList(parts.get('COUNT') ?? '', 1, 100_000, false) : null;
  if (parts.has('COUNT') && (count === null || count.length !== 1)) return unsupported(`bad COUNT=${parts.get('COUNT') ?? ''}`);
  const until = parts.get('UNTIL');
  if (until !== undefined && count !== null) return unsupported('COUNT and UNTIL together');
  const byMonth = parts.has('BYMONTH') ? integerList(parts.get('BYMONTH') ?? '', 1, 12, false) : null;
  if (parts.has('BYMONTH') && byMonth === null) return unsupported(`bad BYMONTH=${parts.get('BYMONTH') ?? ''}`);
  const byMonthDay = parts.has('BYMONTHDAY') ? integerList(parts.get('BYMONTHDAY') ?? '', 1, 31, true) : null;
  if (parts.has('BYMONTHDAY') && byMonthDay === null) return unsupported(`bad BYMONTHDAY=${parts.get('BYMONTHDAY') ?? ''}`);
  let byDay: { ordinal: number; weekday: number }[] | null = null;
  if (parts.has('BYDAY')) {
    byDay = [];
    for (const item of (parts.get('BYDAY') ?? '').split(',')) {
      const match = BY_DAY.exec(item);
      const ordinal = match?.[1] === undefined ? 0 : Number(match[1]);
      if (match === null || (match[1] !== undefined && (ordinal === 0 || Math.abs(ordinal) > 53))) {
        return unsupported(`bad BYDAY item "${item}"`);
      }
      byDay.push({ ordinal, weekday: WEEKDAY_CODES.indexOf(match[2] ?? '') });
    }
  }
  const wkst = parts.get('WKST');
  if (wkst !== undefined && !WEEKDAY_CODES.includes(wkst)) return unsupported(`bad WKST=${wkst}`);
  const untilDay = until === undefined ? null : parseICalDate(until, undefined, line, 'RRULE UNTIL').day;
  return {
    ok: true,
    rule: { interval: interval[0] ?? 1, count: count?.[0] ?? null, untilDay, byMonth, byDay, byMonthDay },
  };
}

/** Days in [first, last] falling on `weekday`, or only the ordinal-th of them (negative: from the end). */
function weekdaysIn(first: number, last: number, weekday: number, ordinal: number): number[] {
  const firstMatch = first + ((weekday - weekdayIndexOfDay(first) + 7) % 7);
  if (ordinal > 0) {
    const day = firstMatch + 7 * (ordinal - 1);
    return day <= last ? [day] : [];
  }
  if (ordinal < 0) {
    const day = last - ((weekdayIndexOfDay(last) - weekday + 7) % 7) + 7 * (ordinal + 1);
    return day >= first ? [day] : [];
  }
  const days: number[] = [];
  for (let day = firstMatch; day <= last; day += 7) days.push(day);
  return days;
}

function monthDayMatches(day: number, byMonthDay: readonly number[]): boolean {
  const { y, m, d } = civilFromDays(day);
  const length = daysInMonth(y, m);
  return byMonthDay.some((md) => (md > 0 ? md === d : length + md + 1 === d));
}

/** Occurrence dates of the rule in year y, unsorted. `start` is the DTSTART date. */
function candidatesInYear(rule: YearlyRule, y: number, start: { m: number; d: number }): number[] {
  const months = rule.byMonth ?? null;
  if (rule.byDay !== null) {
    const periods: [number, number][] =
      months === null
        ? [[daysFromCivil(y, 1, 1), daysFromCivil(y, 12, 31)]]
        : months.map((m) => [daysFromCivil(y, m, 1), daysFromCivil(y, m, daysInMonth(y, m))]);
    const days = periods.flatMap(([first, last]) =>
      (rule.byDay ?? []).flatMap(({ ordinal, weekday }) => weekdaysIn(first, last, weekday, ordinal)),
    );
    const byMonthDay = rule.byMonthDay;
    return byMonthDay === null ? days : days.filter((day) => monthDayMatches(day, byMonthDay));
  }
  if (rule.byMonthDay !== null) {
    const byMonthDay = rule.byMonthDay;
    return (months ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]).flatMap((m) => {
      const length = daysInMonth(y, m);
      return byMonthDay.map((md) => (md > 0 ? md : length + md + 1)).filter((d) => d >= 1 && d <= length).map((d) => daysFromCivil(y, m, d));
    });
  }
  return (months ?? [start.m]).filter((m) => isValidCivilDate(y, m, start.d)).map((m) => daysFromCivil(y, m, start.d));
}

/**
 * Occurrence start days (day numbers, ascending) up to the end of `lastYear`. DTSTART is always the
 * first occurrence and counts towards COUNT (RFC 5545); EXDATEs are removed by the caller, after COUNT.
 */
export function expandYearly(rule: YearlyRule, startDay: number, lastYear: number): number[] {
  const start = civilFromDays(startDay);
  const occurrences = [startDay];
  const limit = rule.count ?? Infinity;
  for (let y = start.y; y <= lastYear && occurrences.length < limit; y += rule.interval) {
    const days = [...new Set(candidatesInYear(rule, y, start))].sort((a, b) => a - b);
    for (const day of days) {
      if (day <= startDay) continue;
      if ((rule.untilDay !== null && day > rule.untilDay) || occurrences.length >= limit) return occurrences;
      occurrences.push(day);
    }
  }
  return occurrences;
}
