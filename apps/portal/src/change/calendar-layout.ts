/**
 * The change calendar's layout, pure: days are calendar dates (`YYYY-MM-DD`) in one IANA time zone;
 * a day is the local [midnight, next midnight) (23 or 25 hours across a DST change). Weeks start on Monday.
 */

export type DayKey = string;

export interface Span {
  readonly start: string;
  readonly end: string;
}

const DAY_MS = 86_400_000;

function parts(key: DayKey): { y: number; m: number; d: number } {
  const [y, m, d] = key.split('-').map(Number);
  return { y: y ?? 1970, m: m ?? 1, d: d ?? 1 };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const keyOfUtcDate = (date: Date): DayKey => `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

/** The calendar date `days` after `key` (negative: before). */
export function addDays(key: DayKey, days: number): DayKey {
  const { y, m, d } = parts(key);
  return keyOfUtcDate(new Date(Date.UTC(y, m - 1, d + days)));
}

/** The same day of the month `months` later, clamped to that month's last day. */
export function addMonths(key: DayKey, months: number): DayKey {
  const { y, m, d } = parts(key);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return keyOfUtcDate(new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))));
}

/** 0 Monday … 6 Sunday. */
export function weekdayOf(key: DayKey): number {
  const { y, m, d } = parts(key);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(instant: Date, timeZone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, format);
  }
  const value = (type: string) => Number(format.formatToParts(instant).find((part) => part.type === type)?.value ?? 0);
  return { y: value('year'), m: value('month'), d: value('day'), h: value('hour') % 24, min: value('minute'), s: value('second') };
}

/** The calendar date `instant` falls on in `timeZone`. */
export function dayKeyOf(instant: Date, timeZone: string): DayKey {
  const { y, m, d } = wallClock(instant, timeZone);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Minutes `timeZone` is ahead of UTC at `instant`. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const { y, m, d, h, min, s } = wallClock(instant, timeZone);
  return (Date.UTC(y, m - 1, d, h, min, s) - Math.floor(instant.getTime() / 1000) * 1000) / 60_000;
}

/** The instant local midnight starts `key` in `timeZone`. */
export function startOfDay(key: DayKey, timeZone: string): Date {
  const { y, m, d } = parts(key);
  const wall = Date.UTC(y, m - 1, d);
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** The month view: the weeks (Monday first) that hold any day of `key`'s month. */
export function monthWeeks(key: DayKey): DayKey[][] {
  const { y, m } = parts(key);
  const first = `${pad(y, 4)}-${pad(m)}-01`;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  let day = addDays(first, -weekdayOf(first));
  const last = addDays(first, daysInMonth - 1);
  const weeks: DayKey[][] = [];
  while (day <= last) {
    const week = Array.from({ length: 7 }, (_, i) => addDays(day, i));
    weeks.push(week);
    day = addDays(day, 7);
  }
  return weeks;
}

/** The week view: Monday to Sunday of `key`'s week. */
export function weekDays(key: DayKey): DayKey[] {
  const monday = addDays(key, -weekdayOf(key));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The instants [from, to) the days cover, to ask the calendar for. */
export function rangeOf(days: readonly DayKey[], timeZone: string): { from: Date; to: Date } {
  const first = days[0] ?? '1970-01-01';
  const last = days[days.length - 1] ?? first;
  return { from: startOfDay(first, timeZone), to: startOfDay(addDays(last, 1), timeZone) };
}

/** Each day's spans: those overlapping its local [midnight, next midnight), in start order. */
export function spansByDay<T extends Span>(spans: readonly T[], days: readonly DayKey[], timeZone: string): Map<DayKey, T[]> {
  const byDay = new Map<DayKey, T[]>(days.map((day) => [day, []]));
  const sorted = [...spans].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const day of days) {
    const from = startOfDay(day, timeZone).getTime();
    const to = startOfDay(addDays(day, 1), timeZone).getTime();
    for (const span of sorted) {
      const start = Date.parse(span.start);
      const end = Math.max(Date.parse(span.end), start + 1);
      if (start < to && end > from) byDay.get(day)?.push(span);
    }
  }
  return byDay;
}

/** The day a keyboard key moves to from `key` (arrows: a day or a week; Page Up/Down: a month; Home/End: the week's ends), or undefined. */
export function dayAfterKey(key: DayKey, pressed: string): DayKey | undefined {
  switch (pressed) {
    case 'ArrowLeft':
      return addDays(key, -1);
    case 'ArrowRight':
      return addDays(key, 1);
    case 'ArrowUp':
      return addDays(key, -7);
    case 'ArrowDown':
      return addDays(key, 7);
    case 'PageUp':
      return addMonths(key, -1);
    case 'PageDown':
      return addMonths(key, 1);
    case 'Home':
      return addDays(key, -weekdayOf(key));
    case 'End':
      return addDays(key, 6 - weekdayOf(key));
    default:
      return undefined;
  }
}

/** Hours a day lasts in `timeZone` (23, 24 or 25 across DST changes). */
export const hoursOf = (key: DayKey, timeZone: string): number => (startOfDay(addDays(key, 1), timeZone).getTime() - startOfDay(key, timeZone).getTime()) / (DAY_MS / 24);
