import { SlaError, SlaErrorCode } from '../sla.errors';
import { assertTimeZone, localToUtc, offsetAt } from './zoned-time';

// The arithmetic is tested in @itsm/recurrence; this pins the SLA's codes for its refusals.
describe('zoned time in SLA terms', () => {
  it('an unknown zone is SLA.UNKNOWN_TIME_ZONE naming the zone', () => {
    let caught: unknown;
    try {
      assertTimeZone('Mars/Base');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SlaError);
    expect(caught).toMatchObject({ code: SlaErrorCode.UnknownTimeZone, details: { timeZone: 'Mars/Base' } });
    expect(() => offsetAt('Mars/Base', 0)).toThrow(expect.objectContaining({ code: SlaErrorCode.UnknownTimeZone }));
  });

  it('an impossible local time or instant is SLA.INVALID_INPUT naming the field', () => {
    expect(() => localToUtc('UTC', 2026, 2, 30, 0)).toThrow(expect.objectContaining({ code: SlaErrorCode.InvalidInput, details: { field: 'localTime' } }));
    expect(() => offsetAt('UTC', Number.NaN)).toThrow(expect.objectContaining({ code: SlaErrorCode.InvalidInput, details: { field: 'utcMs' } }));
  });

  it('passes values through unchanged', () => {
    expect(new Date(localToUtc('Europe/Berlin', 2026, 11, 20, 16 * 60)).toISOString()).toBe('2026-11-20T15:00:00.000Z');
  });
});
