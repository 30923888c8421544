import { DEFAULT_DELIVERY_LIMITS, fixedWindow, scheduledDigestWindow, stormDigestWindow } from './digest-window';

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

  it('puts a storm in the fixed 10-minute window of its root, delivered at the window’s end', () => {
    expect(fixedWindow(600_000, at('2026-06-10T10:09:59Z'))).toEqual({ start: at('2026-06-10T10:00:00Z'), end: at('2026-06-10T10:10:00Z') });
    expect(stormDigestWindow(DEFAULT_DELIVERY_LIMITS, 'inc-major', at('2026-06-10T10:04:00Z'))).toEqual({ kind: 'storm', window: `inc-major@${at('2026-06-10T10:00:00Z')}`, at: at('2026-06-10T10:10:00Z') });
  });
});
