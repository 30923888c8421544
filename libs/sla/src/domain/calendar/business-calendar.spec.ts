import { SlaErrorCode } from '../sla.errors';
import type { BusinessCalendarSpec, Holiday, TimeOfDayInterval } from './business-calendar';
import { ALWAYS_OPEN, compileCalendar } from './business-calendar';
import { localToUtc } from './zoned-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

const iso = (ms: number): string => new Date(ms).toISOString();

/** 'YYYY-MM-DD HH:MM' local wall time in `zone` to epoch ms. */
function local(zone: string, text: string): number {
  const [date = '', time = '00:00'] = text.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return localToUtc(zone, y ?? 0, m ?? 0, d ?? 0, (hh ?? 0) * 60 + (mm ?? 0));
}

function calendar(
  week: BusinessCalendarSpec['week'],
  holidays: readonly Holiday[] = [],
): BusinessCalendarSpec {
  return { id: 'test', name: 'Test calendar', week, holidays };
}

const nineToFive: readonly TimeOfDayInterval[] = [{ start: '09:00', end: '17:00' }];
const OFFICE = calendar({ mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive });
const everyDay = (intervals: readonly TimeOfDayInterval[]): BusinessCalendarSpec['week'] => ({
  mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals, sat: intervals, sun: intervals,
});

describe('compileCalendar: Mon-Fri 09:00-17:00 Europe/Berlin', () => {
  const office = compileCalendar(OFFICE, BERLIN);

  it('Friday 16:00 + 8 business hours = Monday 16:00', () => {
    const from = local(BERLIN, '2026-11-20 16:00');
    expect(iso(from)).toBe('2026-11-20T15:00:00.000Z');
    expect(iso(office.addBusinessTime(from, 8 * HOUR))).toBe('2026-11-23T15:00:00.000Z');
  });

  it('pauses across the weekend: Friday 16:00 -> Monday 10:00 is 2 business hours', () => {
    expect(office.businessTimeBetween(local(BERLIN, '2026-11-20 16:00'), local(BERLIN, '2026-11-23 10:00'))).toBe(2 * HOUR);
  });

  it('answers a closing instant when the duration ends exactly there (Fri 17:00, not Mon 09:00)', () => {
    expect(iso(office.addBusinessTime(local(BERLIN, '2026-11-20 09:00'), 8 * HOUR))).toBe('2026-11-20T16:00:00.000Z');
    expect(iso(office.addBusinessTime(local(BERLIN, '2026-11-20 16:00'), HOUR))).toBe('2026-11-20T16:00:00.000Z');
  });

  it('one millisecond past closing rolls over to the next opening', () => {
    expect(iso(office.addBusinessTime(local(BERLIN, '2026-11-20 16:00'), HOUR + 1))).toBe('2026-11-23T08:00:00.001Z');
  });

  it.each<[string, string, string]>([
    ['before opening', '2026-11-23 07:00', '2026-11-23T09:00:00.000Z'],
    ['after closing', '2026-11-20 18:00', '2026-11-23T09:00:00.000Z'],
    ['on Saturday', '2026-11-21 12:00', '2026-11-23T09:00:00.000Z'],
    ['on Sunday just before midnight', '2026-11-22 23:59', '2026-11-23T09:00:00.000Z'],
    ['exactly at opening', '2026-11-23 09:00', '2026-11-23T09:00:00.000Z'],
  ])('from outside working hours (%s) the clock starts at the next opening', (_case, from, expected) => {
    expect(iso(office.addBusinessTime(local(BERLIN, from), HOUR))).toBe(expected);
  });

  it('duration 0 answers fromMs itself, even outside working hours', () => {
    const saturday = local(BERLIN, '2026-11-21 12:00');
    expect(office.addBusinessTime(saturday, 0)).toBe(saturday);
    const friday = local(BERLIN, '2026-11-20 17:00');
    expect(office.addBusinessTime(friday, 0)).toBe(friday);
  });

  it('counts nothing for an empty or reversed range and nothing on a weekend', () => {
    const at = local(BERLIN, '2026-11-20 10:00');
    expect(office.businessTimeBetween(at, at)).toBe(0);
    expect(office.businessTimeBetween(at, at - HOUR)).toBe(0);
    expect(office.businessTimeBetween(local(BERLIN, '2026-11-21 00:00'), local(BERLIN, '2026-11-23 00:00'))).toBe(0);
  });

  it('counts a whole working week as 40 hours', () => {
    expect(office.businessTimeBetween(local(BERLIN, '2026-11-23 00:00'), local(BERLIN, '2026-11-30 00:00'))).toBe(40 * HOUR);
  });

  it('isWorkingAt is closed-open: open at 09:00, closed at 17:00 and on weekends', () => {
    expect(office.isWorkingAt(local(BERLIN, '2026-11-20 09:00'))).toBe(true);
    expect(office.isWorkingAt(local(BERLIN, '2026-11-20 16:59'))).toBe(true);
    expect(office.isWorkingAt(local(BERLIN, '2026-11-20 17:00'))).toBe(false);
    expect(office.isWorkingAt(local(BERLIN, '2026-11-20 08:59'))).toBe(false);
    expect(office.isWorkingAt(local(BERLIN, '2026-11-21 12:00'))).toBe(false);
  });

  it('keeps the offsets straight across the spring-forward weekend', () => {
    // Fri 2026-03-27 is CET (+1), Mon 2026-03-30 is CEST (+2)
    expect(iso(office.addBusinessTime(local(BERLIN, '2026-03-27 16:00'), 8 * HOUR))).toBe('2026-03-30T14:00:00.000Z');
    expect(office.businessTimeBetween(local(BERLIN, '2026-03-27 16:00'), local(BERLIN, '2026-03-30 10:00'))).toBe(2 * HOUR);
  });

  it('rejects negative or non-finite input with InvalidInput', () => {
    const at = local(BERLIN, '2026-11-20 10:00');
    expect(() => office.addBusinessTime(at, -1)).toThrow(expect.objectContaining({ code: SlaErrorCode.InvalidInput }));
    expect(() => office.addBusinessTime(Number.NaN, 1)).toThrow(expect.objectContaining({ code: SlaErrorCode.InvalidInput }));
    expect(() => office.businessTimeBetween(at, Infinity)).toThrow(expect.objectContaining({ code: SlaErrorCode.InvalidInput }));
    expect(() => office.isWorkingAt(Number.NaN)).toThrow(expect.objectContaining({ code: SlaErrorCode.InvalidInput }));
  });

  it('terminates for huge durations (about 13 years of business time)', () => {
    const from = local(BERLIN, '2026-11-20 16:00');
    const duration = 1e11;
    const deadline = office.addBusinessTime(from, duration);
    expect(office.businessTimeBetween(from, deadline)).toBe(duration);
    expect(new Date(deadline).getUTCFullYear()).toBe(2040);
  });
});

describe('holidays', () => {
  const withHoliday = compileCalendar(
    calendar(OFFICE.week, [{ date: '2026-11-23', name: 'Company day' }]),
    BERLIN,
  );

  it('push a deadline that would fall on the holiday to the next working day', () => {
    expect(iso(withHoliday.addBusinessTime(local(BERLIN, '2026-11-20 16:00'), 8 * HOUR))).toBe('2026-11-24T15:00:00.000Z');
  });

  it('remove the whole local day from business time', () => {
    expect(withHoliday.businessTimeBetween(local(BERLIN, '2026-11-20 16:00'), local(BERLIN, '2026-11-24 10:00'))).toBe(2 * HOUR);
    expect(withHoliday.isWorkingAt(local(BERLIN, '2026-11-23 12:00'))).toBe(false);
  });

  it('starting on a holiday waits for the next working day', () => {
    expect(iso(withHoliday.addBusinessTime(local(BERLIN, '2026-11-23 10:00'), HOUR))).toBe('2026-11-24T09:00:00.000Z');
  });

  it('are read in the calendar time zone, not in UTC', () => {
    const tokyo = compileCalendar(calendar(everyDay([{ start: '00:00', end: '24:00' }]), [{ date: '2026-11-23', name: 'Labour Thanksgiving' }]), 'Asia/Tokyo');
    expect(tokyo.isWorkingAt(Date.parse('2026-11-22T14:59:59Z'))).toBe(true);
    expect(tokyo.isWorkingAt(Date.parse('2026-11-22T15:00:00Z'))).toBe(false);
    expect(tokyo.isWorkingAt(Date.parse('2026-11-23T15:00:00Z'))).toBe(true);
  });
});

describe('two intervals per day (09:00-12:00, 13:00-17:00)', () => {
  const split: readonly TimeOfDayInterval[] = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }];
  const cal = compileCalendar(calendar({ mon: split, tue: split, wed: split, thu: split, fri: split }), BERLIN);

  it('skips the lunch break', () => {
    expect(iso(cal.addBusinessTime(local(BERLIN, '2026-11-23 11:00'), 2 * HOUR))).toBe(iso(local(BERLIN, '2026-11-23 14:00')));
    expect(cal.businessTimeBetween(local(BERLIN, '2026-11-23 11:00'), local(BERLIN, '2026-11-23 14:00'))).toBe(2 * HOUR);
    expect(cal.isWorkingAt(local(BERLIN, '2026-11-23 12:30'))).toBe(false);
  });

  it('ends at the lunch closing instant, not at 13:00', () => {
    expect(iso(cal.addBusinessTime(local(BERLIN, '2026-11-23 09:00'), 3 * HOUR))).toBe(iso(local(BERLIN, '2026-11-23 12:00')));
  });

  it('counts 7 hours a day', () => {
    expect(cal.businessTimeBetween(local(BERLIN, '2026-11-23 00:00'), local(BERLIN, '2026-11-24 00:00'))).toBe(7 * HOUR);
  });
});

describe('intervals ending at 24:00 and a night shift across midnight', () => {
  const late: readonly TimeOfDayInterval[] = [{ start: '22:00', end: '24:00' }];
  const early: readonly TimeOfDayInterval[] = [{ start: '00:00', end: '06:00' }];
  // Night shifts start Mon, Tue, Wed evening: Mon 22-24 + Tue 00-06 and so on.
  const nights = compileCalendar(
    calendar({ mon: late, tue: [...early, ...late], wed: [...early, ...late], thu: early }),
    BERLIN,
  );

  it('flows across midnight', () => {
    expect(iso(nights.addBusinessTime(local(BERLIN, '2026-11-23 23:00'), 3 * HOUR))).toBe(iso(local(BERLIN, '2026-11-24 02:00')));
    expect(nights.businessTimeBetween(local(BERLIN, '2026-11-23 21:00'), local(BERLIN, '2026-11-24 07:00'))).toBe(8 * HOUR);
  });

  it('24:00 is the next local midnight, the closing instant of the evening part', () => {
    expect(iso(nights.addBusinessTime(local(BERLIN, '2026-11-23 23:00'), HOUR))).toBe('2026-11-23T23:00:00.000Z');
    expect(nights.isWorkingAt(local(BERLIN, '2026-11-23 23:59'))).toBe(true);
    expect(nights.isWorkingAt(local(BERLIN, '2026-11-24 00:00'))).toBe(true);
  });

  it('jumps from the end of one shift to the start of the next', () => {
    expect(iso(nights.addBusinessTime(local(BERLIN, '2026-11-24 05:00'), 2 * HOUR))).toBe(iso(local(BERLIN, '2026-11-24 23:00')));
  });

  it('waits over the weekend gap (Thu 06:00 -> next Mon 22:00)', () => {
    expect(iso(nights.addBusinessTime(local(BERLIN, '2026-11-26 05:00'), 2 * HOUR))).toBe(iso(local(BERLIN, '2026-11-30 23:00')));
  });
});

describe('daylight saving time', () => {
  const twentyFourSeven = compileCalendar(
    // not the fast path: a (far away) holiday forces the per-day computation
    calendar(everyDay([{ start: '00:00', end: '24:00' }]), [{ date: '1999-01-01', name: 'Far away' }]),
    BERLIN,
  );
  const earlyHours = everyDay([{ start: '01:00', end: '04:00' }]);

  it.each<[string, string, string, number]>([
    [BERLIN, '2026-03-29', '2026-03-30', 23],
    [BERLIN, '2026-10-25', '2026-10-26', 25],
    [BERLIN, '2026-11-20', '2026-11-21', 24],
    [NEW_YORK, '2026-03-08', '2026-03-09', 23],
    [NEW_YORK, '2026-11-01', '2026-11-02', 25],
  ])('%s: 00:00-24:00 on %s is %i real hours', (zone, day, next, hours) => {
    const cal = zone === BERLIN ? twentyFourSeven : compileCalendar(calendar(everyDay([{ start: '00:00', end: '24:00' }]), [{ date: '1999-01-01', name: 'X' }]), zone);
    const from = local(zone, `${day} 00:00`);
    const to = local(zone, `${next} 00:00`);
    expect(cal.businessTimeBetween(from, to)).toBe(hours * HOUR);
    expect(compileCalendar(ALWAYS_OPEN, zone).businessTimeBetween(from, to)).toBe(hours * HOUR);
    expect(cal.addBusinessTime(from, hours * HOUR)).toBe(to);
  });

  it('a calendar open only on the spring-forward Sunday gets 23 hours that day', () => {
    const sundays = compileCalendar(calendar({ sun: [{ start: '00:00', end: '24:00' }] }), BERLIN);
    expect(sundays.businessTimeBetween(local(BERLIN, '2026-03-28 00:00'), local(BERLIN, '2026-03-31 00:00'))).toBe(23 * HOUR);
    expect(sundays.businessTimeBetween(local(BERLIN, '2026-10-24 00:00'), local(BERLIN, '2026-10-27 00:00'))).toBe(25 * HOUR);
  });

  it.each<[string, string, number]>([
    [BERLIN, '2026-03-29', 2],
    [BERLIN, '2026-10-25', 4],
    [BERLIN, '2026-11-20', 3],
    [NEW_YORK, '2026-03-08', 2],
    [NEW_YORK, '2026-11-01', 4],
    [NEW_YORK, '2026-11-20', 3],
  ])('%s: working hours 01:00-04:00 on %s are %i real hours', (zone, day, hours) => {
    const cal = compileCalendar(calendar(earlyHours), zone);
    expect(cal.businessTimeBetween(local(zone, `${day} 00:00`), local(zone, `${day} 12:00`))).toBe(hours * HOUR);
  });

  it('01:00-04:00 in Berlin on the spring-forward day: 01:00 CET to 04:00 CEST', () => {
    const cal = compileCalendar(calendar(earlyHours), BERLIN);
    const from = local(BERLIN, '2026-03-29 01:00');
    expect(iso(from)).toBe('2026-03-29T00:00:00.000Z');
    expect(iso(cal.addBusinessTime(from, 2 * HOUR))).toBe('2026-03-29T02:00:00.000Z'); // 04:00 CEST, closing
    expect(iso(cal.addBusinessTime(from, 2.5 * HOUR))).toBe('2026-03-29T23:30:00.000Z'); // Mon 01:30 CEST
    expect(cal.isWorkingAt(Date.parse('2026-03-29T01:30:00Z'))).toBe(true); // 03:30 CEST
  });

  it('01:00-04:00 in Berlin on the fall-back day includes the repeated hour', () => {
    const cal = compileCalendar(calendar(earlyHours), BERLIN);
    const from = local(BERLIN, '2026-10-25 01:00');
    expect(iso(from)).toBe('2026-10-24T23:00:00.000Z'); // 01:00 CEST
    expect(iso(cal.addBusinessTime(from, 2 * HOUR))).toBe('2026-10-25T01:00:00.000Z'); // 02:00 CET, second time round
    expect(iso(cal.addBusinessTime(from, 4 * HOUR))).toBe('2026-10-25T03:00:00.000Z'); // 04:00 CET
  });

  it('01:00-04:00 in New York on both transition days', () => {
    const cal = compileCalendar(calendar(earlyHours), NEW_YORK);
    expect(iso(cal.addBusinessTime(local(NEW_YORK, '2026-03-08 00:00'), 2 * HOUR))).toBe('2026-03-08T08:00:00.000Z'); // 04:00 EDT
    expect(iso(cal.addBusinessTime(local(NEW_YORK, '2026-11-01 00:00'), 4 * HOUR))).toBe('2026-11-01T09:00:00.000Z'); // 04:00 EST
  });

  it('working hours that start inside the gap start at the shifted instant (02:30 -> 03:30 CEST)', () => {
    const cal = compileCalendar(calendar({ sun: [{ start: '02:30', end: '05:00' }] }), BERLIN);
    const day = [local(BERLIN, '2026-03-29 00:00'), local(BERLIN, '2026-03-30 00:00')] as const;
    expect(cal.businessTimeBetween(...day)).toBe(1.5 * HOUR);
    expect(iso(cal.addBusinessTime(day[0], 1))).toBe('2026-03-29T01:30:00.001Z');
  });

  it('office hours do not move with DST: 09:00 local before and after', () => {
    const office = compileCalendar(OFFICE, NEW_YORK);
    expect(iso(office.addBusinessTime(local(NEW_YORK, '2026-03-06 16:00'), 2 * HOUR))).toBe('2026-03-09T14:00:00.000Z');
    expect(iso(office.addBusinessTime(local(NEW_YORK, '2026-10-30 16:00'), 2 * HOUR))).toBe('2026-11-02T15:00:00.000Z');
  });
});

describe('24x7', () => {
  it.each([BERLIN, NEW_YORK, 'UTC', 'Australia/Lord_Howe'])('equals wall-clock elapsed time in %s', (zone) => {
    const cal = compileCalendar(ALWAYS_OPEN, zone);
    const from = Date.parse('2026-03-01T10:17:00Z');
    const to = Date.parse('2026-11-30T08:00:00Z');
    expect(cal.businessTimeBetween(from, to)).toBe(to - from);
    expect(cal.addBusinessTime(from, to - from)).toBe(to);
    expect(cal.isWorkingAt(from)).toBe(true);
    expect(cal.timeZone).toBe(zone);
  });

  it('a 24x7 calendar written as touching halves behaves the same', () => {
    const halves = compileCalendar(calendar(everyDay([{ start: '00:00', end: '12:00' }, { start: '12:00', end: '24:00' }])), BERLIN);
    const from = Date.parse('2026-03-28T10:00:00Z');
    const to = Date.parse('2026-10-26T10:00:00Z');
    expect(halves.businessTimeBetween(from, to)).toBe(to - from);
    expect(halves.addBusinessTime(from, to - from)).toBe(to);
  });
});

describe('compileCalendar input checks', () => {
  it('throws UnknownTimeZone for a bad zone', () => {
    expect(() => compileCalendar(OFFICE, 'Mars/Base')).toThrow(
      expect.objectContaining({ code: SlaErrorCode.UnknownTimeZone, details: { timeZone: 'Mars/Base' } }),
    );
  });

  it('throws InvalidCalendar for an invalid spec', () => {
    expect(() => compileCalendar(calendar({}), BERLIN)).toThrow(expect.objectContaining({ code: SlaErrorCode.InvalidCalendar }));
  });
});
