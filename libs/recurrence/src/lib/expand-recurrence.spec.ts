import type { DateValue } from './date-value';
import { parseDateValue } from './date-value';
import { expandRecurrence } from './expand-recurrence';
import { parseRecurrenceRule } from './recurrence-rule';
import { RecurrenceErrorCode } from './recurrence.errors';

const date = (text: string): DateValue => parseDateValue(text);
const show = (values: readonly DateValue[]): string[] =>
  values.map((v) => {
    const d = `${String(v.year).padStart(4, '0')}-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`;
    return v.kind === 'date' ? d : `${d}T${String(v.hour).padStart(2, '0')}:${String(v.minute).padStart(2, '0')}${v.utc ? 'Z' : ''}`;
  });

function expand(start: string, rules: string[], through: string, extra: { dates?: string[]; exceptions?: string[]; from?: string } = {}): string[] {
  return show(
    expandRecurrence(
      {
        start: date(start),
        rules: rules.map(parseRecurrenceRule),
        dates: (extra.dates ?? []).map(date),
        exceptions: (extra.exceptions ?? []).map(date),
      },
      { through: date(through), ...(extra.from === undefined ? {} : { from: date(extra.from) }) },
    ),
  );
}

/** Expects `run` to throw a RecurrenceError with the code and a message (and details) matching. */
function expectRefusal(run: () => unknown, code: RecurrenceErrorCode, details: Record<string, unknown> = {}, message = /./): void {
  expect(run).toThrow(expect.objectContaining({ name: 'RecurrenceError', code, message: expect.stringMatching(message), details: expect.objectContaining(details) }));
}

describe('expandRecurrence', () => {
  it('BYSETPOS: the last weekday of December', () => {
    expect(expand('20261231', ['FREQ=YEARLY;BYMONTH=12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'], '20291231')).toEqual([
      '2026-12-31', '2027-12-31', '2028-12-29', '2029-12-31',
    ]);
  });

  it('monthly and weekly rules with a time of day (a CAB meeting: second Tuesday, 14:00)', () => {
    expect(expand('20260310T140000', ['FREQ=MONTHLY;BYDAY=2TU;COUNT=3'], '20271231')).toEqual([
      '2026-03-10T14:00', '2026-04-14T14:00', '2026-05-12T14:00',
    ]);
    expect(expand('20260105T090000', ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR'], '20260125')).toEqual([
      '2026-01-05T09:00', '2026-01-09T09:00', '2026-01-19T09:00', '2026-01-23T09:00',
    ]);
  });

  it('drops dates that do not exist instead of rolling them over (ical.js 2.2 gives 1 March)', () => {
    expect(expand('20240229', ['FREQ=YEARLY'], '20321231')).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
    expect(expand('20240229', ['FREQ=YEARLY;COUNT=2'], '20321231')).toEqual(['2024-02-29', '2028-02-29']);
    expect(expand('20260130', ['FREQ=YEARLY;BYMONTH=1,2;BYMONTHDAY=30'], '20271231')).toEqual(['2026-01-30', '2027-01-30']);
    expect(expand('20260131', ['FREQ=MONTHLY;COUNT=4'], '20271231')).toEqual(['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31']);
  });

  it('counts DTSTART, removes EXDATEs after COUNT, adds RDATEs and merges several rules', () => {
    expect(
      expand('20260101', ['FREQ=YEARLY;COUNT=3', 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4;COUNT=2'], '20301231', {
        dates: ['20260615'],
        exceptions: ['20270101'],
      }),
    ).toEqual(['2026-01-01', '2026-06-15', '2026-07-04', '2028-01-01']);
  });

  it('UNTIL is inclusive; a UTC UNTIL is compared as an instant when the caller gives the zone', () => {
    const rule = parseRecurrenceRule('FREQ=DAILY;UNTIL=20260103T080000Z');
    const start = date('20260101T090000');
    // Europe/Berlin in winter: local = UTC + 1 h, so 09:00 local is 08:00Z.
    const berlin = (v: DateValue): number =>
      Date.UTC(v.year, v.month - 1, v.day, v.kind === 'date' ? 0 : v.hour, v.kind === 'date' ? 0 : v.minute) - (v.kind === 'date-time' && v.utc ? 0 : 3_600_000);
    const through = date('20260110');
    expect(show(expandRecurrence({ start, rules: [rule] }, { through, toUtcMs: berlin }))).toEqual([
      '2026-01-01T09:00', '2026-01-02T09:00', '2026-01-03T09:00',
    ]);
    // Without the zone, 09:00 is read as 09:00Z, after 08:00Z on the 3rd.
    expect(show(expandRecurrence({ start, rules: [rule] }, { through }))).toEqual(['2026-01-01T09:00', '2026-01-02T09:00']);
  });

  it('returns only occurrences from `from` on, stops at `through` and refuses more than maxOccurrences', () => {
    expect(expand('20260101', ['FREQ=YEARLY;COUNT=5'], '20291231', { from: '20280101' })).toEqual(['2028-01-01', '2029-01-01']);
    expectRefusal(
      () => expandRecurrence({ start: date('20260101'), rules: [parseRecurrenceRule('FREQ=DAILY')] }, { through: date('20261231'), maxOccurrences: 100 }),
      RecurrenceErrorCode.InvalidWindow,
    );
  });
});

describe('parseRecurrenceRule', () => {
  it.each<[string, RecurrenceErrorCode, RegExp]>([
    ['BYMONTH=1', RecurrenceErrorCode.InvalidRule, /no FREQ/],
    ['FREQ=SOMETIMES', RecurrenceErrorCode.InvalidRule, /FREQ must be one of/],
    ['FREQ=YEARLY;COUNT=2;UNTIL=20270101', RecurrenceErrorCode.InvalidRule, /COUNT and UNTIL/],
    ['FREQ=YEARLY;COUNT=2;COUNT=3', RecurrenceErrorCode.InvalidRule, /COUNT given twice/],
    ['FREQ=YEARLY;INTERVAL=0', RecurrenceErrorCode.InvalidRule, /INTERVAL must be a positive integer/],
    ['FREQ=YEARLY;COUNT=-1', RecurrenceErrorCode.InvalidRule, /COUNT must be a positive integer/],
    ['FREQ=YEARLY;BYMONTH=13', RecurrenceErrorCode.InvalidRule, /BYMONTH/],
    ['FREQ=YEARLY;BYDAY=0MO', RecurrenceErrorCode.InvalidRule, /BYDAY/],
    ['FREQ=YEARLY;BYSETPOS=1', RecurrenceErrorCode.InvalidRule, /BYSETPOS needs another BYxxx/],
    ['FREQ=YEARLY;UNTIL=soon', RecurrenceErrorCode.InvalidDate, /expected YYYYMMDD/],
    ['FREQ=YEARLY;UNTIL=20270230', RecurrenceErrorCode.InvalidDate, /no such date/],
    ['FREQ=YEARLY;BYWEEKNO=20', RecurrenceErrorCode.UnsupportedRule, /BYWEEKNO/],
    ['FREQ=YEARLY;X-FOO=1', RecurrenceErrorCode.UnsupportedRule, /not an RFC 5545 rule part/],
    ['FREQ=YEARLY;', RecurrenceErrorCode.InvalidRule, /malformed rule part/],
  ])('%s', (rule, code, message) => {
    expectRefusal(() => parseRecurrenceRule(rule), code, {}, message);
  });

  it('reads names and values case-insensitively', () => {
    expect(parseRecurrenceRule('freq=yearly;bymonth=11;byday=4th')).toMatchObject({ freq: 'YEARLY', count: null, until: null });
  });
});

describe('parseDateValue', () => {
  it('reads DATE, local and UTC DATE-TIME values and refuses what ical.js would roll over', () => {
    expect(parseDateValue('20261225')).toEqual({ kind: 'date', year: 2026, month: 12, day: 25 });
    expect(parseDateValue('20261225T093000Z')).toMatchObject({ kind: 'date-time', hour: 9, minute: 30, utc: true });
    expectRefusal(() => parseDateValue('20261225T100000', 'DATE'), RecurrenceErrorCode.InvalidDate, { value: '20261225T100000' });
    expectRefusal(() => parseDateValue('20260230'), RecurrenceErrorCode.InvalidDate, { problem: 'no such date or time' });
    expectRefusal(() => parseDateValue('20261225', 'PERIOD'), RecurrenceErrorCode.InvalidDate, { problem: expect.stringMatching(/VALUE=PERIOD/) });
  });
});
