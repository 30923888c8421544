import { civilFromDays, daysFromCivil, daysInMonth, formatIsoDate, parseIsoDate } from './civil-date';
import { weekdayOfDay } from './weekday';

describe('civil dates', () => {
  it('numbers days from 1970-01-01 (a Thursday)', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2026, 11, 20)).toBe(Date.UTC(2026, 10, 20) / 86_400_000);
    expect(weekdayOfDay(0)).toBe('thu');
    expect(weekdayOfDay(daysFromCivil(2026, 11, 20))).toBe('fri');
    expect(weekdayOfDay(daysFromCivil(1969, 12, 29))).toBe('mon');
  });

  it('round-trips every day from 1600 to 2400 and agrees with Date.UTC', () => {
    const mismatches: number[] = [];
    for (let n = daysFromCivil(1600, 1, 1); n <= daysFromCivil(2400, 12, 31); n += 1) {
      const { y, m, d } = civilFromDays(n);
      if (daysFromCivil(y, m, d) !== n || d > daysInMonth(y, m)) mismatches.push(n);
    }
    expect(mismatches).toEqual([]);
    expect(civilFromDays(Date.UTC(2000, 1, 29) / 86_400_000)).toEqual({ y: 2000, m: 2, d: 29 });
  });

  it.each<[string, string | null]>([
    ['2026-02-28', '2026-02-28'],
    ['2028-02-29', '2028-02-29'],
    ['2026-02-29', null],
    ['2026-02-30', null],
    ['2100-02-29', null],
    ['2000-02-29', '2000-02-29'],
    ['2026-13-01', null],
    ['2026-1-01', null],
    ['0000-01-01', null],
  ])('parseIsoDate(%s)', (text, expected) => {
    const day = parseIsoDate(text);
    expect(day === null ? null : formatIsoDate(day)).toBe(expected);
  });
});
