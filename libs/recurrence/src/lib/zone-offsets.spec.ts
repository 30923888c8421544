import { DAY_MS } from './civil-date';
import { ZoneOffsets } from './zone-offsets';
import { offsetAt, wallToUtc } from './zoned-time';
import { RecurrenceErrorCode } from './recurrence.errors';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo', 'Pacific/Chatham', 'UTC'];

describe('ZoneOffsets', () => {
  it.each(ZONES)('%s: the table answers what ICU answers, at and around every transition', (zone) => {
    const table = new ZoneOffsets(zone);
    const from = Date.parse('2019-06-01T00:00:00Z');
    for (let t = from; t < from + 3 * 365 * DAY_MS; t += 4 * 3_600_000 + 137_000) {
      expect(table.offsetAt(t)).toBe(offsetAt(zone, t));
    }
    // Berlin's spring change: the exact instant and one second before.
    if (zone === 'Europe/Berlin') {
      const change = Date.parse('2026-03-29T01:00:00Z');
      expect([table.offsetAt(change - 1000), table.offsetAt(change - 1), table.offsetAt(change)]).toEqual([3_600_000, 3_600_000, 7_200_000]);
    }
  });

  it.each(ZONES)('%s: wall times map to the same instants as wallToUtc (gaps and overlaps included)', (zone) => {
    const table = new ZoneOffsets(zone);
    const from = Date.parse('2026-01-01T00:00:00Z');
    for (let wall = from; wall < from + 400 * DAY_MS; wall += 5 * 3_600_000 + 60_000) {
      expect(table.wallToUtc(wall)).toBe(wallToUtc(zone, wall));
    }
    // Berlin's 2026 gap (29 March 02:30) and overlap (25 October 02:30), as wall-clock ms.
    for (const wall of [Date.parse('2026-03-29T02:30:00Z'), Date.parse('2026-10-25T02:30:00Z'), Date.parse('2026-10-25T03:00:00Z')]) {
      expect(table.wallToUtc(wall)).toBe(wallToUtc(zone, wall));
    }
  });

  it('refuses an unknown zone', () => {
    expect(() => new ZoneOffsets('Mars/Base')).toThrow(expect.objectContaining({ code: RecurrenceErrorCode.UnknownTimeZone }));
  });
});
