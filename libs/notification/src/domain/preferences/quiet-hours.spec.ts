import { nextLocal, quietUntil, resolveZone } from './quiet-hours';
import type { QuietHours } from './notification-preferences';

const at = (iso: string): number => Date.parse(iso);
const nights: QuietHours = { startMinute: 22 * 60, endMinute: 7 * 60, days: null, timeZone: null };
const ZURICH = 'Europe/Zurich';

describe('quiet hours in the person’s zone', () => {
  it('ends a night window at 07:00 local across the March change (CET -> CEST: 05:00Z, not 06:00Z)', () => {
    // Saturday 28 March 2026, 23:00 CET; clocks go forward at 02:00 on Sunday 29 March.
    expect(quietUntil(nights, ZURICH, at('2026-03-28T22:00:00Z'))).toBe(at('2026-03-29T05:00:00Z'));
    // After the change, still inside: 06:30 CEST.
    expect(quietUntil(nights, ZURICH, at('2026-03-29T04:30:00Z'))).toBe(at('2026-03-29T05:00:00Z'));
  });

  it('ends a night window at 07:00 local across the October change (CEST -> CET: 06:00Z)', () => {
    // Saturday 24 October 2026, 23:00 CEST; clocks go back at 03:00 on Sunday 25 October.
    expect(quietUntil(nights, ZURICH, at('2026-10-24T21:00:00Z'))).toBe(at('2026-10-25T06:00:00Z'));
    // In the repeated hour (02:30 CET, the second time): still inside, same end.
    expect(quietUntil(nights, ZURICH, at('2026-10-25T01:30:00Z'))).toBe(at('2026-10-25T06:00:00Z'));
  });

  it('reads an end in the skipped hour as the instant after the gap', () => {
    const short: QuietHours = { ...nights, endMinute: 2 * 60 + 30 };
    // 00:30 CET on 29 March; 02:30 does not exist that night: 03:30 CEST = 01:30Z.
    expect(quietUntil(short, ZURICH, at('2026-03-28T23:30:00Z'))).toBe(at('2026-03-29T01:30:00Z'));
  });

  it('wraps past midnight: inside from the start through the end, outside at the end minute and by day', () => {
    const utc = 'UTC';
    expect(quietUntil(nights, utc, at('2026-06-10T21:59:00Z'))).toBeNull();
    expect(quietUntil(nights, utc, at('2026-06-10T22:00:00Z'))).toBe(at('2026-06-11T07:00:00Z'));
    expect(quietUntil(nights, utc, at('2026-06-11T00:00:00Z'))).toBe(at('2026-06-11T07:00:00Z'));
    expect(quietUntil(nights, utc, at('2026-06-11T06:59:00Z'))).toBe(at('2026-06-11T07:00:00Z'));
    expect(quietUntil(nights, utc, at('2026-06-11T07:00:00Z'))).toBeNull();
    expect(quietUntil(nights, utc, at('2026-06-11T12:00:00Z'))).toBeNull();
  });

  it('belongs to the day it starts on: a Friday night window covers Saturday morning, not Saturday night', () => {
    const fridays: QuietHours = { ...nights, days: ['fri'] };
    // 27 March 2026 is a Friday.
    expect(quietUntil(fridays, 'UTC', at('2026-03-27T23:00:00Z'))).toBe(at('2026-03-28T07:00:00Z'));
    expect(quietUntil(fridays, 'UTC', at('2026-03-28T01:00:00Z'))).toBe(at('2026-03-28T07:00:00Z'));
    expect(quietUntil(fridays, 'UTC', at('2026-03-28T23:00:00Z'))).toBeNull();
    expect(quietUntil(fridays, 'UTC', at('2026-03-26T23:00:00Z'))).toBeNull();
  });

  it('handles a window within one day', () => {
    const lunch: QuietHours = { startMinute: 12 * 60, endMinute: 13 * 60, days: null, timeZone: null };
    expect(quietUntil(lunch, 'Asia/Tokyo', at('2026-06-10T03:30:00Z'))).toBe(at('2026-06-10T04:00:00Z'));
    expect(quietUntil(lunch, 'Asia/Tokyo', at('2026-06-10T04:00:00Z'))).toBeNull();
    expect(quietUntil(lunch, 'Asia/Tokyo', at('2026-06-10T02:59:00Z'))).toBeNull();
  });

  it('finds the next local minute strictly after now, across the change', () => {
    expect(nextLocal(ZURICH, at('2026-03-28T08:00:00Z'), 8 * 60)).toBe(at('2026-03-29T06:00:00Z'));
    expect(nextLocal(ZURICH, at('2026-03-28T06:59:00Z'), 8 * 60)).toBe(at('2026-03-28T07:00:00Z'));
  });

  it('falls back from a zone that is not IANA and says which', () => {
    expect(resolveZone(['Mars/Olympus', null, 'Europe/Berlin'], 'UTC')).toEqual({ zone: 'Europe/Berlin', rejected: ['Mars/Olympus'] });
    expect(resolveZone([null, 'bogus'], 'UTC')).toEqual({ zone: 'UTC', rejected: ['bogus'] });
    expect(resolveZone([], 'Europe/Zurich')).toEqual({ zone: 'Europe/Zurich', rejected: [] });
  });
});
