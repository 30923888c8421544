/**
 * The business calendars of bench:sla (the four shapes the brief asks for) and a naive reference
 * implementation of "add business time" that steps minute by minute through local wall time read
 * from Intl, as a tz-library-per-minute implementation would. The naive one is the baseline of the
 * deadline figure and a cross-check: on the sample it runs, both must agree to the millisecond.
 */
import { ALWAYS_OPEN } from '@itsm/sla';
import type { BusinessCalendarSpec, Holiday, TimeOfDayInterval, Weekday } from '@itsm/sla';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Easter Sunday (anonymous Gregorian algorithm) as [month, day]. */
function easter(y: number): [number, number] {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Berlin public holidays (fixed and Easter-based) for the years given. */
export function berlinHolidays(fromYear: number, toYear: number): Holiday[] {
  const out: Holiday[] = [];
  for (let y = fromYear; y <= toYear; y += 1) {
    const [em, ed] = easter(y);
    const e = Date.UTC(y, em - 1, ed);
    out.push(
      { date: `${y}-01-01`, name: 'Neujahr' },
      { date: `${y}-03-08`, name: 'Internationaler Frauentag' },
      { date: isoDate(e - 2 * DAY), name: 'Karfreitag' },
      { date: isoDate(e + DAY), name: 'Ostermontag' },
      { date: `${y}-05-01`, name: 'Tag der Arbeit' },
      { date: isoDate(e + 39 * DAY), name: 'Christi Himmelfahrt' },
      { date: isoDate(e + 50 * DAY), name: 'Pfingstmontag' },
      { date: `${y}-10-03`, name: 'Tag der Deutschen Einheit' },
      { date: `${y}-12-25`, name: '1. Weihnachtstag' },
      { date: `${y}-12-26`, name: '2. Weihnachtstag' },
    );
  }
  return out;
}

function weekOf(days: Partial<Record<Weekday, readonly TimeOfDayInterval[]>>): Partial<Record<Weekday, readonly TimeOfDayInterval[]>> {
  return days;
}

const OFFICE = [{ start: '09:00', end: '17:00' }];
const SPLIT = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];

/** A calendar of the mix, with the zone it is read in. */
export interface BenchCalendar {
  readonly label: string;
  readonly spec: BusinessCalendarSpec;
  readonly timeZone: string;
}

export function benchCalendars(fromYear: number, toYear: number): readonly BenchCalendar[] {
  return [
    { label: '24x7', spec: ALWAYS_OPEN, timeZone: 'Europe/Berlin' },
    {
      label: 'berlin-office',
      spec: { id: 'berlin-office', name: 'Berlin Mon-Fri 09-17 with holidays', week: weekOf({ mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE }), holidays: berlinHolidays(fromYear, toYear) },
      timeZone: 'Europe/Berlin',
    },
    {
      label: 'new-york-split',
      spec: { id: 'new-york-split', name: 'New York Mon-Fri 08-12 + 13-17', week: weekOf({ mon: SPLIT, tue: SPLIT, wed: SPLIT, thu: SPLIT, fri: SPLIT }), holidays: [] },
      timeZone: 'America/New_York',
    },
    {
      label: 'tokyo-night',
      // The night shift starts Mon-Fri at 22:00 and runs to 06:00 the next morning (Tue-Sat).
      spec: {
        id: 'tokyo-night',
        name: 'Tokyo night shift 22-06 (Mon-Fri nights)',
        week: weekOf({
          mon: [{ start: '22:00', end: '24:00' }],
          tue: [{ start: '00:00', end: '06:00' }, { start: '22:00', end: '24:00' }],
          wed: [{ start: '00:00', end: '06:00' }, { start: '22:00', end: '24:00' }],
          thu: [{ start: '00:00', end: '06:00' }, { start: '22:00', end: '24:00' }],
          fri: [{ start: '00:00', end: '06:00' }, { start: '22:00', end: '24:00' }],
          sat: [{ start: '00:00', end: '06:00' }],
        }),
        holidays: [],
      },
      timeZone: 'Asia/Tokyo',
    },
  ];
}

const hhmm = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

/**
 * The naive way: walk forward one minute at a time, read the local wall time of each minute with
 * Intl (one formatter per zone, built once), count the minute when it is a working minute. Start
 * and duration must be whole minutes (the bench's inputs are).
 */
export class NaiveMinuteCalendar {
  private readonly formatter: Intl.DateTimeFormat;
  private readonly week: readonly (readonly [number, number][])[];
  private readonly holidays: ReadonlySet<string>;

  constructor(spec: BusinessCalendarSpec, timeZone: string) {
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    this.week = WEEK.map((day) => (spec.week[day] ?? []).map((i): [number, number] => [hhmm(i.start), hhmm(i.end)]));
    this.holidays = new Set(spec.holidays.map((h) => h.date));
  }

  isWorkingMinute(ms: number): boolean {
    let weekday = '';
    let y = '';
    let mo = '';
    let d = '';
    let h = 0;
    let mi = 0;
    for (const part of this.formatter.formatToParts(ms)) {
      switch (part.type) {
        case 'weekday': weekday = part.value; break;
        case 'year': y = part.value; break;
        case 'month': mo = part.value; break;
        case 'day': d = part.value; break;
        case 'hour': h = Number(part.value); break;
        case 'minute': mi = Number(part.value); break;
        default: break;
      }
    }
    if (this.holidays.has(`${y}-${mo}-${d}`)) return false;
    const index = WEEK.indexOf(weekday.slice(0, 3).toLowerCase() as Weekday);
    const minute = h * 60 + mi;
    for (const [start, end] of this.week[index] ?? []) if (minute >= start && minute < end) return true;
    return false;
  }

  addBusinessTime(fromMs: number, durationMs: number): number {
    let remaining = durationMs / MINUTE;
    let t = fromMs;
    while (remaining > 0) {
      if (this.isWorkingMinute(t)) remaining -= 1;
      t += MINUTE;
    }
    // The last counted minute ends the duration (a duration used up at closing time gives the closing instant).
    return t;
  }
}
