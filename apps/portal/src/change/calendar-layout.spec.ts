import { addMonths, dayAfterKey, dayKeyOf, hoursOf, monthWeeks, rangeOf, spansByDay, startOfDay, weekDays } from './calendar-layout';

describe('change calendar layout', () => {
  const BERLIN = 'Europe/Berlin';

  it('lays out a month crossing the end of summer time in whole Monday-first weeks', () => {
    const weeks = monthWeeks('2026-10-14');
    expect(weeks[0]?.[0]).toBe('2026-09-28');
    expect(weeks[weeks.length - 1]?.[6]).toBe('2026-11-01');
    expect(weeks).toHaveLength(5);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
  });

  it('starts local days at local midnight: 25 hours on the day summer time ends, 23 on the day it starts', () => {
    expect(startOfDay('2026-10-25', BERLIN).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfDay('2026-10-26', BERLIN).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(hoursOf('2026-10-25', BERLIN)).toBe(25);
    expect(hoursOf('2026-03-29', BERLIN)).toBe(23);
    expect(hoursOf('2026-03-29', 'UTC')).toBe(24);
    expect(startOfDay('2026-03-29', 'America/New_York').toISOString()).toBe('2026-03-29T04:00:00.000Z');
  });

  it('asks for the instants the shown days cover', () => {
    const { from, to } = rangeOf(monthWeeks('2026-10-01').flat(), BERLIN);
    expect([from.toISOString(), to.toISOString()]).toEqual(['2026-09-27T22:00:00.000Z', '2026-11-01T23:00:00.000Z']);
    const week = rangeOf(weekDays('2026-10-25'), BERLIN);
    expect([week.from.toISOString(), week.to.toISOString()]).toEqual(['2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
  });

  it('puts a span on every local day it overlaps, and an instant on the day of its zone', () => {
    const overnight = { id: 'a', start: '2026-10-24T21:30:00.000Z', end: '2026-10-25T23:30:00.000Z' };
    const late = { id: 'b', start: '2026-10-25T22:30:00.000Z', end: '2026-10-25T22:45:00.000Z' };
    const days = weekDays('2026-10-25');
    const byDay = spansByDay([late, overnight], days, BERLIN);
    expect(byDay.get('2026-10-24')?.map((s) => s.id)).toEqual(['a']);
    expect(byDay.get('2026-10-25')?.map((s) => s.id)).toEqual(['a', 'b']);
    expect(byDay.get('2026-10-26')).toBeUndefined();
    expect(spansByDay([late], days, 'UTC').get('2026-10-25')?.map((s) => s.id)).toEqual(['b']);
    expect(dayKeyOf(new Date('2026-10-25T22:30:00.000Z'), BERLIN)).toBe('2026-10-25');
    expect(dayKeyOf(new Date('2026-10-25T23:30:00.000Z'), BERLIN)).toBe('2026-10-26');
  });

  it('moves the focused day by keyboard', () => {
    expect(dayAfterKey('2026-03-01', 'ArrowLeft')).toBe('2026-02-28');
    expect(dayAfterKey('2026-03-01', 'ArrowDown')).toBe('2026-03-08');
    expect(dayAfterKey('2026-01-31', 'PageDown')).toBe('2026-02-28');
    expect(dayAfterKey('2026-03-04', 'Home')).toBe('2026-03-02');
    expect(dayAfterKey('2026-03-04', 'End')).toBe('2026-03-08');
    expect(dayAfterKey('2026-03-04', 'a')).toBeUndefined();
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });
});
