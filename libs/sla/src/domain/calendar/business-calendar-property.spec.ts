import type { BusinessCalendarSpec, TimeOfDayInterval, Weekday } from './business-calendar';
import { ALWAYS_OPEN, WEEKDAYS, compileCalendar } from './business-calendar';
import { parseTimeOfDay } from './calendar-spec';
import { localDayOf, offsetAt } from './zoned-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Deterministic PRNG (mulberry32): the same seed gives the same cases on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const nineToFive: readonly TimeOfDayInterval[] = [{ start: '09:00', end: '17:00' }];
const split: readonly TimeOfDayInterval[] = [{ start: '08:30', end: '12:15' }, { start: '13:00', end: '17:45' }];
const all = (intervals: readonly TimeOfDayInterval[]): Partial<Record<Weekday, readonly TimeOfDayInterval[]>> =>
  Object.fromEntries(WEEKDAYS.map((day) => [day, intervals]));

const CALENDARS: readonly BusinessCalendarSpec[] = [
  ALWAYS_OPEN,
  {
    id: 'office',
    name: 'Office',
    week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
    holidays: [
      { date: '2026-12-24', name: 'Christmas Eve' },
      { date: '2026-12-25', name: 'Christmas' },
      { date: '2027-01-01', name: 'New Year' },
    ],
  },
  { id: 'split', name: 'Split shift', week: { mon: split, tue: split, wed: split, thu: split, sat: [{ start: '10:00', end: '14:00' }] }, holidays: [] },
  {
    id: 'nights',
    name: 'Night shift',
    week: {
      mon: [{ start: '22:00', end: '24:00' }],
      tue: [{ start: '00:00', end: '06:00' }, { start: '22:00', end: '24:00' }],
      wed: [{ start: '00:00', end: '06:00' }],
    },
    holidays: [{ date: '2026-06-02', name: 'Closed' }],
  },
  { id: 'early', name: 'DST hours', week: all([{ start: '00:30', end: '03:30' }]), holidays: [] },
  { id: 'full-days', name: '24x7 minus holidays', week: all([{ start: '00:00', end: '24:00' }]), holidays: [{ date: '2026-10-25', name: 'Off' }] },
  { id: 'weekend', name: 'Weekend desk', week: { sat: [{ start: '00:00', end: '24:00' }], sun: [{ start: '06:00', end: '18:00' }] }, holidays: [] },
];

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Santiago', 'UTC'];

const FROM = Date.parse('2025-06-01T00:00:00Z');
const SPAN = 3 * 365 * DAY;

describe('business calendar properties (seeded)', () => {
  for (const spec of CALENDARS) {
    for (const zone of ZONES) {
      it(`${spec.id} in ${zone}: round trip, monotonicity, additivity`, () => {
        const random = mulberry32(0x5eed ^ (spec.id.length * 7919) ^ zone.length);
        const cal = compileCalendar(spec, zone);
        for (let i = 0; i < 60; i += 1) {
          const a = FROM + Math.floor(random() * SPAN);
          const d1 = Math.floor(random() * 20 * DAY);
          const d2 = d1 + Math.floor(random() * 3 * DAY);
          const t1 = cal.addBusinessTime(a, d1);
          const t2 = cal.addBusinessTime(a, d2);
          expect(cal.businessTimeBetween(a, t1)).toBe(d1);
          expect(cal.businessTimeBetween(a, t2)).toBe(d2);
          expect(t1).toBeGreaterThanOrEqual(a);
          expect(t2).toBeGreaterThanOrEqual(t1);
          // earliest: one millisecond earlier is not enough (unless the duration is 0)
          if (d1 > 0) expect(cal.businessTimeBetween(a, t1 - 1)).toBe(d1 - 1);
          // additivity over a split point
          const b = a + Math.floor(random() * 10 * DAY);
          const c = b + Math.floor(random() * 10 * DAY);
          expect(cal.businessTimeBetween(a, c)).toBe(cal.businessTimeBetween(a, b) + cal.businessTimeBetween(b, c));
        }
      });
    }
  }
});

/**
 * Reference model, independent of the day cache: an instant is working when its local wall time
 * (from offsetAt) lies in a working interval of its local weekday and the date is no holiday. It
 * agrees with the calendar away from DST transitions, so it is checked on zones and hours that never
 * meet one.
 */
function workingByWallClock(spec: BusinessCalendarSpec, zone: string, ms: number): boolean {
  const day = localDayOf(zone, ms);
  const date = `${day.y}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`;
  if (spec.holidays.some((holiday) => holiday.date === date)) return false;
  const minute = Math.floor((((ms + offsetAt(zone, ms)) % DAY) + DAY) % DAY / MINUTE);
  return (spec.week[day.weekday] ?? []).some(
    (iv) => minute >= (parseTimeOfDay(iv.start, false) ?? 0) && minute < (parseTimeOfDay(iv.end, true) ?? 0),
  );
}

describe('business calendar against a minute-by-minute reference (seeded)', () => {
  const cases: readonly [BusinessCalendarSpec, string][] = [
    [CALENDARS[1]!, 'Europe/Berlin'],
    [CALENDARS[1]!, 'America/New_York'],
    [CALENDARS[2]!, 'Pacific/Chatham'],
    [CALENDARS[3]!, 'Asia/Kolkata'],
    [CALENDARS[4]!, 'UTC'],
  ];
  it.each(cases)('%#: counts the same working minutes', (spec, zone) => {
    const random = mulberry32(42);
    const STEP = 15 * MINUTE;
    const cal = compileCalendar(spec, zone);
    for (let i = 0; i < 20; i += 1) {
      // Every boundary and offset involved is a multiple of 15 minutes, so 15-minute steps are exact.
      const a = Math.floor((FROM + random() * SPAN) / STEP) * STEP;
      const b = a + Math.floor((random() * 6 * DAY) / STEP) * STEP;
      let steps = 0;
      const disagreements: string[] = [];
      for (let t = a; t < b; t += STEP) {
        const working = workingByWallClock(spec, zone, t);
        if (working) steps += 1;
        if (cal.isWorkingAt(t) !== working) disagreements.push(new Date(t).toISOString());
      }
      expect(disagreements).toEqual([]);
      expect(cal.businessTimeBetween(a, b)).toBe(steps * STEP);
    }
  });
});
