import { ChangeErrorCode } from '../change.errors';
import { cabOccurrenceAt, cabOccurrences, compileCabSchedule, nextCabOccurrence } from './cab-schedule';

/** Tuesdays 14:00 Europe/London for an hour, from a Tuesday in winter (GMT) across the March change to BST. */
const weekly = compileCabSchedule({ rrule: 'FREQ=WEEKLY;BYDAY=TU', firstStart: '2031-03-18T14:00', durationMinutes: 60, timeZone: 'Europe/London' });
const iso = (d: Date): string => d.toISOString();

describe('CAB schedule', () => {
  it('expands Tuesdays 14:00 London into UTC, keeping the wall time across the clock change', () => {
    const occurrences = cabOccurrences(weekly, new Date('2031-03-17T00:00:00Z'), new Date('2031-04-02T00:00:00Z'));
    expect(occurrences.map((o) => [iso(o.start), iso(o.end)])).toEqual([
      ['2031-03-18T14:00:00.000Z', '2031-03-18T15:00:00.000Z'],
      ['2031-03-25T14:00:00.000Z', '2031-03-25T15:00:00.000Z'],
      ['2031-04-01T13:00:00.000Z', '2031-04-01T14:00:00.000Z'],
    ]);
  });

  it('finds an occurrence by its start, and the next one', () => {
    expect(cabOccurrenceAt(weekly, new Date('2031-04-01T13:00:00Z'))).toBeDefined();
    expect(cabOccurrenceAt(weekly, new Date('2031-04-01T14:00:00Z'))).toBeUndefined();
    expect(nextCabOccurrence(weekly, new Date('2031-03-25T14:00:00Z'))?.start).toEqual(new Date('2031-04-01T13:00:00Z'));
    const twice = compileCabSchedule({ rrule: 'FREQ=WEEKLY;COUNT=2', firstStart: '2031-03-18T14:00', durationMinutes: 60, timeZone: 'Europe/London' });
    expect(nextCabOccurrence(twice, new Date('2031-03-25T14:00:00Z'))).toBeNull();
  });

  it('refuses a bad rule or zone with the calendar\'s codes', () => {
    expect(() => compileCabSchedule({ rrule: 'FREQ=SOMETIMES', firstStart: '2031-03-18T14:00', durationMinutes: 60, timeZone: 'Europe/London' })).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidRecurrence }));
    expect(() => compileCabSchedule({ rrule: 'FREQ=WEEKLY', firstStart: '2031-03-18T14:00', durationMinutes: 60, timeZone: 'Mars/Olympus' })).toThrow(expect.objectContaining({ code: ChangeErrorCode.UnknownTimeZone }));
  });
});
