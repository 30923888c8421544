import { RecurrenceError, RecurrenceErrorCode } from './recurrence.errors';
import { assertTimeZone, isValidTimeZone, localDayOf, localToUtc, offsetAt } from './zoned-time';

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

describe('offsetAt', () => {
  it.each<[string, string, number]>([
    ['Europe/Berlin', '2026-01-15T12:00:00Z', 1 * HOUR],
    ['Europe/Berlin', '2026-07-15T12:00:00Z', 2 * HOUR],
    ['America/New_York', '2026-01-15T12:00:00Z', -5 * HOUR],
    ['America/New_York', '2026-07-15T12:00:00Z', -4 * HOUR],
    ['Asia/Kolkata', '2026-07-15T12:00:00Z', 5.5 * HOUR],
    ['Pacific/Chatham', '2026-07-15T12:00:00Z', 12.75 * HOUR],
    ['UTC', '2026-07-15T12:00:00Z', 0],
  ])('%s at %s', (zone, at, offset) => {
    expect(offsetAt(zone, Date.parse(at))).toBe(offset);
  });

  it('switches exactly at the transition instant (Berlin 2026-03-29 01:00Z)', () => {
    const transition = Date.parse('2026-03-29T01:00:00Z');
    expect(offsetAt('Europe/Berlin', transition - 1)).toBe(HOUR);
    expect(offsetAt('Europe/Berlin', transition)).toBe(2 * HOUR);
  });

  it('keeps sub-minute historic offsets (Berlin local mean time +00:53:28)', () => {
    expect(offsetAt('Europe/Berlin', Date.parse('1850-01-01T00:00:00Z'))).toBe((53 * 60 + 28) * 1000);
  });

  it('handles instants before 1970 and with milliseconds', () => {
    expect(offsetAt('America/New_York', Date.parse('1960-01-01T00:00:00.999Z'))).toBe(-5 * HOUR);
  });

  it('rejects an unknown zone with UnknownTimeZone', () => {
    expect(() => offsetAt('Mars/Base', 0)).toThrow(expect.objectContaining({ code: RecurrenceErrorCode.UnknownTimeZone }));
  });
});

describe('localToUtc', () => {
  it('maps an ordinary wall time', () => {
    expect(iso(localToUtc('Europe/Berlin', 2026, 11, 20, 16 * 60))).toBe('2026-11-20T15:00:00.000Z');
  });

  it('maps minute 1440 to the next local midnight', () => {
    expect(localToUtc('Europe/Berlin', 2026, 12, 31, 1440)).toBe(localToUtc('Europe/Berlin', 2027, 1, 1, 0));
  });

  it.each<[string, number, number, number, number, string]>([
    // spring forward gap: the later mapping (02:30 -> 03:30 summer time)
    ['Europe/Berlin', 2026, 3, 29, 150, '2026-03-29T01:30:00.000Z'],
    ['America/New_York', 2026, 3, 8, 150, '2026-03-08T07:30:00.000Z'],
    // fall back overlap: the earlier mapping (still summer time)
    ['Europe/Berlin', 2026, 10, 25, 150, '2026-10-25T00:30:00.000Z'],
    ['America/New_York', 2026, 11, 1, 90, '2026-11-01T05:30:00.000Z'],
    // just outside the ambiguous hour
    ['Europe/Berlin', 2026, 10, 25, 180, '2026-10-25T02:00:00.000Z'],
    ['Europe/Berlin', 2026, 3, 29, 180, '2026-03-29T01:00:00.000Z'],
  ])('%s %i-%i-%i minute %i -> %s', (zone, y, m, d, minute, expected) => {
    expect(iso(localToUtc(zone, y, m, d, minute))).toBe(expected);
  });

  it.each<[number, number, number, number]>([
    [2026, 2, 30, 0],
    [2026, 13, 1, 0],
    [2026, 1, 1, 1441],
    [2026, 1, 1, -1],
    [2026, 1, 1, 1.5],
  ])('rejects %i-%i-%i minute %p', (y, m, d, minute) => {
    expect(() => localToUtc('UTC', y, m, d, minute)).toThrow(expect.objectContaining({ code: RecurrenceErrorCode.InvalidDate }));
  });
});

describe('localDayOf', () => {
  it('reads the local date and weekday, not the UTC one', () => {
    expect(localDayOf('Europe/Berlin', Date.parse('2026-11-20T23:30:00Z'))).toEqual({ y: 2026, m: 11, d: 21, weekday: 'sat' });
    expect(localDayOf('America/New_York', Date.parse('2026-11-21T03:00:00Z'))).toEqual({ y: 2026, m: 11, d: 20, weekday: 'fri' });
    expect(localDayOf('UTC', 0)).toEqual({ y: 1970, m: 1, d: 1, weekday: 'thu' });
  });

  it('crosses a year in a far-east zone', () => {
    expect(localDayOf('Pacific/Kiritimati', Date.parse('2026-12-31T10:00:00Z'))).toEqual({ y: 2027, m: 1, d: 1, weekday: 'fri' });
  });
});

describe('time-zone names', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Etc/GMT+5'])('%s is valid', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Base', '', 'Europe/Berlin ', '+01:00', 'CET/Nowhere'])('"%s" is not', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });

  it('assertTimeZone throws UnknownTimeZone naming the zone', () => {
    let caught: unknown;
    try {
      assertTimeZone('Mars/Base');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RecurrenceError);
    expect(caught).toMatchObject({ code: RecurrenceErrorCode.UnknownTimeZone, details: { timeZone: 'Mars/Base' } });
    expect((caught as RecurrenceError).message).toContain('Mars/Base');
    expect(() => assertTimeZone('Europe/Berlin')).not.toThrow();
  });
});
