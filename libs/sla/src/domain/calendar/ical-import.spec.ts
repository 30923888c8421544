import { SlaError, SlaErrorCode } from '../sla.errors';
import { validateCalendar } from './calendar-spec';
import { importICalendarHolidays } from './ical-import';

const RANGE = { fromYear: 2026, toYear: 2028 };

/** Joins lines with CRLF, as RFC 5545 requires. */
const ics = (...lines: string[]): string => `${lines.join('\r\n')}\r\n`;
const wrap = (...eventLines: string[]): string =>
  ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...eventLines, 'END:VCALENDAR');
const event = (...lines: string[]): string[] => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];

function errorOf(run: () => unknown): SlaError {
  try {
    run();
  } catch (error) {
    if (error instanceof SlaError) return error;
    throw error;
  }
  throw new Error('expected an SlaError');
}

const dates = (text: string, range = RANGE): string[] => importICalendarHolidays(text, range).holidays.map((h) => h.date);

describe('importICalendarHolidays', () => {
  it('reads all-day events with VALUE=DATE or a bare date', () => {
    const result = importICalendarHolidays(
      wrap(
        ...event('UID:xmas', 'DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas Day'),
        ...event('UID:ny', 'DTSTART:20270101', 'SUMMARY:New Year'),
      ),
      RANGE,
    );
    expect(result).toEqual({
      holidays: [
        { date: '2026-12-25', name: 'Christmas Day' },
        { date: '2027-01-01', name: 'New Year' },
      ],
      skipped: [],
    });
  });

  it('unfolds folded lines (CRLF or LF followed by a space or a tab) and unescapes text', () => {
    const text =
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:folded\r\nDTST\r\n ART;VALUE=DATE:20261226\r\n' +
      'SUMMARY:Boxing Day\\, St\r\n  Stephen\\;s Day\n\t \\\\ and\\nmore\r\nEND:VEVENT\r\nEND:VCALENDAR';
    expect(importICalendarHolidays(text, RANGE).holidays).toEqual([
      { date: '2026-12-26', name: "Boxing Day, St Stephen;s Day \\ and\nmore" },
    ]);
  });

  it('turns a multi-day event into one holiday per day, DTEND being exclusive', () => {
    const text = wrap(...event('UID:break', 'DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261227', 'SUMMARY:Winter break'));
    expect(importICalendarHolidays(text, RANGE).holidays).toEqual([
      { date: '2026-12-24', name: 'Winter break' },
      { date: '2026-12-25', name: 'Winter break' },
      { date: '2026-12-26', name: 'Winter break' },
    ]);
  });

  it('accepts DURATION in whole days and keeps only days inside the range', () => {
    const text = wrap(...event('UID:nye', 'DTSTART;VALUE=DATE:20251231', 'DURATION:P3D', 'SUMMARY:Turn of the year'));
    expect(dates(text)).toEqual(['2026-01-01', '2026-01-02']);
  });

  it('reads quoted parameters and parameters on SUMMARY', () => {
    const text = wrap(
      ...event('UID:q', 'DTSTART;X-NOTE="a;b:c";VALUE=DATE:20261003', 'SUMMARY;LANGUAGE=de:Tag der Deutschen Einheit'),
      ...event('UID:t', 'DTSTART;TZID="America/New_York":20261003T090000', 'SUMMARY:Call'),
    );
    const result = importICalendarHolidays(text, RANGE);
    expect(result.holidays).toEqual([{ date: '2026-10-03', name: 'Tag der Deutschen Einheit' }]);
    expect(result.skipped).toEqual([{ uid: 't', summary: 'Call', reason: expect.stringMatching(/timed event/) }]);
  });

  it('merges events on the same date into one holiday', () => {
    const text = wrap(
      ...event('UID:a', 'DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas'),
      ...event('UID:b', 'DTSTART;VALUE=DATE:20261225', 'SUMMARY:Office closed'),
    );
    expect(importICalendarHolidays(text, RANGE).holidays).toEqual([{ date: '2026-12-25', name: 'Christmas / Office closed' }]);
  });

  describe('yearly RRULE', () => {
    it('repeats on the DTSTART month and day', () => {
      const text = wrap(...event('UID:y', 'DTSTART;VALUE=DATE:20200501', 'RRULE:FREQ=YEARLY', 'SUMMARY:Labour Day'));
      expect(dates(text)).toEqual(['2026-05-01', '2027-05-01', '2028-05-01']);
    });

    it('COUNT counts from DTSTART, also occurrences before the range', () => {
      const text = wrap(...event('UID:c', 'DTSTART;VALUE=DATE:20250101', 'RRULE:FREQ=YEARLY;COUNT=3', 'SUMMARY:New Year'));
      expect(dates(text, { fromYear: 2026, toYear: 2030 })).toEqual(['2026-01-01', '2027-01-01']);
    });

    it('UNTIL is inclusive (date or date-time)', () => {
      const byDate = wrap(...event('UID:u', 'DTSTART;VALUE=DATE:20261003', 'RRULE:FREQ=YEARLY;UNTIL=20271003', 'SUMMARY:Unity'));
      expect(dates(byDate, { fromYear: 2026, toYear: 2030 })).toEqual(['2026-10-03', '2027-10-03']);
      const byDateTime = wrap(...event('UID:u', 'DTSTART;VALUE=DATE:20261003', 'RRULE:FREQ=YEARLY;UNTIL=20281002T235959Z', 'SUMMARY:Unity'));
      expect(dates(byDateTime, { fromYear: 2026, toYear: 2030 })).toEqual(['2026-10-03', '2027-10-03']);
    });

    it('INTERVAL skips years', () => {
      const text = wrap(...event('UID:i', 'DTSTART;VALUE=DATE:20260615', 'RRULE:FREQ=YEARLY;INTERVAL=2', 'SUMMARY:Jubilee'));
      expect(dates(text, { fromYear: 2026, toYear: 2031 })).toEqual(['2026-06-15', '2028-06-15', '2030-06-15']);
    });

    it('BYMONTH + BYDAY with an ordinal: 4th Thursday of November', () => {
      const text = wrap(...event('UID:tg', 'DTSTART;VALUE=DATE:20221124', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', 'SUMMARY:Thanksgiving'));
      expect(dates(text)).toEqual(['2026-11-26', '2027-11-25', '2028-11-23']);
    });

    it('BYMONTH + BYDAY with a negative ordinal: last Monday of May', () => {
      const text = wrap(...event('UID:md', 'DTSTART;VALUE=DATE:20230529', 'RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO', 'SUMMARY:Memorial Day'));
      expect(dates(text)).toEqual(['2026-05-25', '2027-05-31', '2028-05-29']);
    });

    it('BYMONTH + BYDAY + BYMONTHDAY: the Tuesday after the first Monday of November', () => {
      const text = wrap(
        ...event('UID:ed', 'DTSTART;VALUE=DATE:20241105', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8', 'SUMMARY:Election Day'),
      );
      expect(dates(text)).toEqual(['2026-11-03', '2027-11-02', '2028-11-07']);
    });

    it('skips 29 February in common years', () => {
      const text = wrap(...event('UID:leap', 'DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY', 'SUMMARY:Leap day'));
      expect(dates(text, { fromYear: 2024, toYear: 2032 })).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
    });

    it('EXDATE removes occurrences (and still counts towards COUNT)', () => {
      const text = wrap(
        ...event(
          'UID:ex',
          'DTSTART;VALUE=DATE:20261225',
          'RRULE:FREQ=YEARLY;COUNT=3',
          'EXDATE;VALUE=DATE:20271225',
          'SUMMARY:Christmas',
        ),
      );
      expect(dates(text, { fromYear: 2026, toYear: 2030 })).toEqual(['2026-12-25', '2028-12-25']);
    });

    it('a RECURRENCE-ID override moves one occurrence', () => {
      const text = wrap(
        ...event('UID:moved', 'DTSTART;VALUE=DATE:20260601', 'RRULE:FREQ=YEARLY', 'SUMMARY:Company day'),
        ...event('UID:moved', 'RECURRENCE-ID;VALUE=DATE:20270601', 'DTSTART;VALUE=DATE:20270604', 'SUMMARY:Company day (moved)'),
      );
      expect(importICalendarHolidays(text, RANGE).holidays).toEqual([
        { date: '2026-06-01', name: 'Company day' },
        { date: '2027-06-04', name: 'Company day (moved)' },
        { date: '2028-06-01', name: 'Company day' },
      ]);
    });
  });

  describe('recurrence the hand-written expander did not support (ical.js via @itsm/recurrence)', () => {
    it('BYSETPOS with BYDAY: the last weekday of the year', () => {
      const text = wrap(...event('UID:ly', 'DTSTART;VALUE=DATE:20261231', 'RRULE:FREQ=YEARLY;BYMONTH=12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', 'SUMMARY:Year end'));
      expect(dates(text)).toEqual(['2026-12-31', '2027-12-31', '2028-12-29']);
    });

    it('BYYEARDAY, RDATE (DATE and PERIOD) and an EXDATE given as a date-time with TZID', () => {
      const text = wrap(
        ...event(
          'UID:yd',
          'DTSTART;VALUE=DATE:20260410',
          'RRULE:FREQ=YEARLY;BYYEARDAY=100',
          'RDATE;VALUE=DATE:20260501,20260502',
          'RDATE;VALUE=PERIOD:20270601T000000Z/20270602T000000Z',
          'EXDATE;TZID=Europe/Berlin:20270410T000000',
          'SUMMARY:Day 100',
        ),
      );
      expect(dates(text)).toEqual(['2026-04-10', '2026-05-01', '2026-05-02', '2027-06-01', '2028-04-09']);
    });

    it('COUNT does not count dates that do not exist, and DURATION in weeks', () => {
      const leap = wrap(...event('UID:l', 'DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY;COUNT=2', 'SUMMARY:Leap day'));
      expect(dates(leap, { fromYear: 2024, toYear: 2032 })).toEqual(['2024-02-29', '2028-02-29']);
      const week = wrap(...event('UID:w', 'DTSTART;VALUE=DATE:20261228', 'DURATION:P1W', 'SUMMARY:Shutdown'));
      expect(dates(week)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    });

    it('skips a DURATION with hours and a rule the RFC forbids, with the reason', () => {
      const result = importICalendarHolidays(
        wrap(
          ...event('UID:h', 'DTSTART;VALUE=DATE:20261224', 'DURATION:PT12H', 'SUMMARY:Half day'),
          ...event('UID:cu', 'DTSTART;VALUE=DATE:20261224', 'RRULE:FREQ=YEARLY;COUNT=2;UNTIL=20301224', 'SUMMARY:Both'),
        ),
        RANGE,
      );
      expect(result.holidays).toEqual([]);
      expect(result.skipped).toEqual([
        { uid: 'h', summary: 'Half day', reason: 'unsupported DURATION PT12H (only whole days or weeks)' },
        { uid: 'cu', summary: 'Both', reason: expect.stringMatching(/unsupported RRULE: .*COUNT and UNTIL together/) },
      ]);
    });
  });

  it('skips timed events, unsupported rules and cancelled events with a reason, without throwing', () => {
    const result = importICalendarHolidays(
      wrap(
        ...event('UID:meeting', 'DTSTART;TZID=Europe/Berlin:20261224T100000', 'DTEND;TZID=Europe/Berlin:20261224T110000', 'SUMMARY:Stand-up'),
        ...event('UID:monthly', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=MONTHLY', 'SUMMARY:Payday'),
        ...event('UID:setpos', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=YEARLY;BYSETPOS=1', 'SUMMARY:Odd'),
        ...event('DTSTART;VALUE=DATE:20261231', 'STATUS:CANCELLED', 'SUMMARY:Party'),
        ...event('UID:nostart', 'SUMMARY:Nothing'),
        ...event('UID:ok', 'DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas'),
      ),
      RANGE,
    );
    expect(result.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas' }]);
    expect(result.skipped).toEqual([
      { uid: 'meeting', summary: 'Stand-up', reason: expect.stringMatching(/timed event/) },
      { uid: 'monthly', summary: 'Payday', reason: expect.stringMatching(/unsupported RRULE: FREQ=MONTHLY/) },
      { uid: 'setpos', summary: 'Odd', reason: expect.stringMatching(/unsupported RRULE: BYSETPOS/) },
      { uid: null, summary: 'Party', reason: expect.stringMatching(/cancelled/) },
      { uid: 'nostart', summary: 'Nothing', reason: 'no DTSTART' },
    ]);
  });

  it('ignores other components (VTIMEZONE, VALARM, VTODO) and reads several calendars', () => {
    const text =
      wrap(
        'BEGIN:VTIMEZONE',
        'TZID:Europe/Berlin',
        'BEGIN:STANDARD',
        'DTSTART:19701025T030000',
        'END:STANDARD',
        'END:VTIMEZONE',
        ...event('UID:a', 'DTSTART;VALUE=DATE:20261003', 'SUMMARY:Unity Day', 'BEGIN:VALARM', 'TRIGGER:-PT15M', 'END:VALARM'),
        'BEGIN:VTODO',
        'DTSTART;VALUE=DATE:20261111',
        'END:VTODO',
      ) + wrap(...event('UID:b', 'DTSTART;VALUE=DATE:20261225'));
    expect(importICalendarHolidays(text, RANGE).holidays).toEqual([
      { date: '2026-10-03', name: 'Unity Day' },
      { date: '2026-12-25', name: 'Untitled holiday' },
    ]);
  });

  it('produces holidays a calendar accepts', () => {
    const { holidays } = importICalendarHolidays(
      wrap(...event('UID:x', 'DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261227', 'RRULE:FREQ=YEARLY', 'SUMMARY:Christmas')),
      RANGE,
    );
    const calendar = validateCalendar({ id: 'de', name: 'Germany', week: { mon: [{ start: '09:00', end: '17:00' }] }, holidays });
    expect(calendar.holidays).toHaveLength(9);
  });

  describe('malformed input throws InvalidICalendar with the line number', () => {
    it.each<[string, string, number, RegExp]>([
      ['no VCALENDAR at all', 'BEGIN:VEVENT\r\nDTSTART:20261225\r\nEND:VEVENT\r\n', 1, /expected BEGIN:VCALENDAR/],
      ['an empty text', '', 1, /no BEGIN:VCALENDAR/],
      ['a property before VCALENDAR', 'VERSION:2.0\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR', 1, /outside BEGIN:VCALENDAR/],
      ['END not matching BEGIN', ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:20261225', 'END:VCALENDAR'), 4, /END:VCALENDAR does not match BEGIN:VEVENT at line 2/],
      ['END without BEGIN', ics('BEGIN:VCALENDAR', 'END:VCALENDAR', 'END:VEVENT'), 3, /END:VEVENT without a matching BEGIN/],
      ['an unclosed VCALENDAR', ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'END:VEVENT'), 4, /BEGIN:VCALENDAR at line 1 is never closed/],
      ['an impossible date', wrap(...event('UID:x', 'DTSTART;VALUE=DATE:20260230')), 6, /malformed DTSTART date "20260230"/],
      ['a garbled date', wrap(...event('UID:x', 'DTSTART:2026-12-25')), 6, /malformed DTSTART date "2026-12-25"/],
      ['a date-time where VALUE=DATE', wrap(...event('UID:x', 'DTSTART;VALUE=DATE:20261225T100000')), 6, /malformed DTSTART/],
      ['a malformed DTEND', wrap(...event('UID:x', 'DTSTART:20261225', 'DTEND:20261299')), 7, /malformed DTEND date "20261299"/],
      ['a malformed EXDATE', wrap(...event('UID:x', 'DTSTART:20261225', 'RRULE:FREQ=YEARLY', 'EXDATE:2027')), 8, /malformed EXDATE/],
      ['a malformed UNTIL', wrap(...event('UID:x', 'DTSTART:20261225', 'RRULE:FREQ=YEARLY;UNTIL=soon')), 7, /malformed RRULE UNTIL/],
      ['a line without a colon', wrap('X-BROKEN'), 4, /missing ":"/],
    ])('%s', (_case, text, line, message) => {
      const error = errorOf(() => importICalendarHolidays(text, RANGE));
      expect(error.code).toBe(SlaErrorCode.InvalidICalendar);
      expect(error.details['line']).toBe(line);
      expect(error.message).toContain(`line ${line}`);
      expect(error.message).toMatch(message);
    });

    it('counts physical lines, folded continuation lines included', () => {
      const text = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:A\r\n  long\r\n  summary\r\nDTSTART:2026X\r\nEND:VEVENT\r\nEND:VCALENDAR';
      expect(errorOf(() => importICalendarHolidays(text, RANGE)).details['line']).toBe(6);
    });
  });

  it('rejects a reversed year range', () => {
    expect(() => importICalendarHolidays(wrap(), { fromYear: 2028, toYear: 2026 })).toThrow(
      expect.objectContaining({ code: SlaErrorCode.InvalidInput }),
    );
  });
});
