import { DEFAULT_DELIVERY_LIMITS, fixedWindow, nextLocalHour, scheduledDigestWindow, stormDigestWindow } from './digest-window';

const at = (iso: string): number => Date.parse(iso);

describe('digest windows', () => {
  it('sends a daily digest at the next local minute, across the October change in Zurich', () => {
    // 24 October 2026, 09:00 CEST -> the next 08:00 is on 25 October, after the change, in CET (07:00Z, not 06:00Z).
    expect(scheduledDigestWindow({ frequency: 'daily', atMinute: 480 }, 'Europe/Zurich', at('2026-10-24T07:00:00Z'))).toEqual({ kind: 'daily', window: `Europe/Zurich@${at('2026-10-25T07:00:00Z')}`, at: at('2026-10-25T07:00:00Z') });
    expect(scheduledDigestWindow({ frequency: 'daily', atMinute: 480 }, 'Europe/Zurich', at('2026-10-25T07:00:00Z'))?.at).toBe(at('2026-10-26T07:00:00Z'));
  });

  it('sends an hourly digest at the next full hour and none when off', () => {
    expect(scheduledDigestWindow({ frequency: 'hourly' }, 'UTC', at('2026-06-10T10:59:59Z'))?.at).toBe(at('2026-06-10T11:00:00Z'));
    expect(scheduledDigestWindow({ frequency: 'hourly' }, 'UTC', at('2026-06-10T11:00:00Z'))?.at).toBe(at('2026-06-10T12:00:00Z'));
    expect(scheduledDigestWindow({ frequency: 'off' }, 'UTC', at('2026-06-10T11:00:00Z'))).toBeNull();
  });

  it("sends an hourly digest at the top of the person's local hour in zones off the whole hour", () => {
    const hourly = (zone: string, iso: string) => scheduledDigestWindow({ frequency: 'hourly' }, zone, at(iso));
    // Kolkata +05:30: 15:50 local -> 16:00 local.
    expect(hourly('Asia/Kolkata', '2026-06-10T10:20:00Z')).toEqual({ kind: 'hourly', window: String(at('2026-06-10T10:30:00Z')), at: at('2026-06-10T10:30:00Z') });
    expect(hourly('Asia/Kolkata', '2026-06-10T10:30:00Z')?.at).toBe(at('2026-06-10T11:30:00Z'));
    // Kathmandu +05:45: 16:14 local -> 17:00 local.
    expect(hourly('Asia/Kathmandu', '2026-06-10T10:29:00Z')?.at).toBe(at('2026-06-10T11:15:00Z'));
    expect(hourly('Asia/Kathmandu', '2026-06-10T10:00:00Z')?.at).toBe(at('2026-06-10T10:15:00Z'));
    // Adelaide +09:30 in June (winter), +10:30 in January (summer).
    expect(hourly('Australia/Adelaide', '2026-06-10T10:00:00Z')?.at).toBe(at('2026-06-10T10:30:00Z'));
    expect(hourly('Australia/Adelaide', '2027-01-10T10:31:00Z')?.at).toBe(at('2027-01-10T11:30:00Z'));
  });

  it('keeps to the local full hours across the DST changes (Berlin, Adelaide)', () => {
    // Berlin, last Sunday of October 2026: 02:30 CEST (00:30Z) -> 02:00 CET (01:00Z), the hour repeated, then 03:00 CET (02:00Z).
    expect(nextLocalHour('Europe/Berlin', at('2026-10-25T00:30:00Z'))).toBe(at('2026-10-25T01:00:00Z'));
    expect(nextLocalHour('Europe/Berlin', at('2026-10-25T01:00:00Z'))).toBe(at('2026-10-25T02:00:00Z'));
    // Berlin, last Sunday of March 2027: 01:30 CET (00:30Z) -> 03:00 CEST (01:00Z), 02:00 never shown.
    expect(nextLocalHour('Europe/Berlin', at('2027-03-28T00:30:00Z'))).toBe(at('2027-03-28T01:00:00Z'));
    // Adelaide, first Sunday of April 2027: 02:45 ACDT (16:15Z) -> 02:00 ACST (16:30Z), the hour repeated.
    expect(nextLocalHour('Australia/Adelaide', at('2027-04-03T16:15:00Z'))).toBe(at('2027-04-03T16:30:00Z'));
  });

  it('takes the next local full hour on the wall clock in a zone whose offset is off the quarter hours (a local mean time)', () => {
    // Monrovia in 1960: -00:44:30, 09:15:30 local -> 10:00 local.
    expect(nextLocalHour('Africa/Monrovia', at('1960-06-01T10:00:00Z'))).toBe(at('1960-06-01T10:44:30Z'));
  });

  it('puts a storm in the fixed 10-minute window of its root, delivered at the window’s end', () => {
    expect(fixedWindow(600_000, at('2026-06-10T10:09:59Z'))).toEqual({ start: at('2026-06-10T10:00:00Z'), end: at('2026-06-10T10:10:00Z') });
    expect(stormDigestWindow(DEFAULT_DELIVERY_LIMITS, 'inc-major', at('2026-06-10T10:04:00Z'))).toEqual({ kind: 'storm', window: `inc-major@${at('2026-06-10T10:00:00Z')}`, at: at('2026-06-10T10:10:00Z') });
  });
});
