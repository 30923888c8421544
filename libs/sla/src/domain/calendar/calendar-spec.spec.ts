import { SlaError, SlaErrorCode } from '../sla.errors';
import type { BusinessCalendarSpec, TimeOfDayInterval } from './calendar-spec';
import { ALWAYS_OPEN, parseTimeOfDay, validateCalendar } from './calendar-spec';
import { WEEKDAYS } from '@itsm/recurrence';

const nineToFive: readonly TimeOfDayInterval[] = [{ start: '09:00', end: '17:00' }];

function spec(overrides: Partial<Record<keyof BusinessCalendarSpec, unknown>> = {}): BusinessCalendarSpec {
  return {
    id: 'office',
    name: 'Office hours',
    week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
    holidays: [],
    ...overrides,
  } as BusinessCalendarSpec;
}

function errorOf(run: () => unknown): SlaError {
  try {
    run();
  } catch (error) {
    if (error instanceof SlaError) return error;
    throw error;
  }
  throw new Error('expected an SlaError');
}

describe('validateCalendar', () => {
  it('returns a normalised copy: intervals sorted, holidays sorted and merged by date', () => {
    const input = spec({
      week: {
        mon: [
          { start: '13:00', end: '17:00' },
          { start: '09:00', end: '12:00' },
        ],
        sat: [],
      },
      holidays: [
        { date: '2026-12-26', name: 'Boxing Day' },
        { date: '2026-12-25', name: 'Christmas' },
        { date: '2026-12-26', name: 'St Stephen' },
        { date: '2026-12-25', name: 'Christmas' },
      ],
    });
    const result = validateCalendar(input);
    expect(result).toEqual({
      id: 'office',
      name: 'Office hours',
      week: {
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '17:00' },
        ],
        sat: [],
      },
      holidays: [
        { date: '2026-12-25', name: 'Christmas' },
        { date: '2026-12-26', name: 'Boxing Day / St Stephen' },
      ],
    });
    expect(result).not.toBe(input);
    expect(input.week.mon?.[0]?.start).toBe('13:00');
  });

  it('accepts touching intervals and an end of 24:00', () => {
    const result = validateCalendar(
      spec({
        week: {
          mon: [
            { start: '12:00', end: '13:00' },
            { start: '09:00', end: '12:00' },
            { start: '22:00', end: '24:00' },
          ],
          tue: [{ start: '00:00', end: '06:00' }],
        },
      }),
    );
    expect(result.week.mon).toHaveLength(3);
  });

  it('accepts ALWAYS_OPEN, a 24x7 calendar', () => {
    expect(ALWAYS_OPEN.id).toBe('24x7');
    expect(validateCalendar(ALWAYS_OPEN).week).toEqual(
      Object.fromEntries(WEEKDAYS.map((day) => [day, [{ start: '00:00', end: '24:00' }]])),
    );
    expect(Object.isFrozen(ALWAYS_OPEN)).toBe(true);
  });

  it.each<[string, Partial<Record<keyof BusinessCalendarSpec, unknown>>, string, RegExp]>([
    ['an hour of 25', { week: { mon: [{ start: '25:00', end: '26:00' }] } }, 'week.mon[0].start', /"25:00" is not a valid HH:MM/],
    ['a single-digit hour', { week: { tue: [{ start: '9:00', end: '17:00' }] } }, 'week.tue[0].start', /"9:00" is not a valid HH:MM/],
    ['minute 60', { week: { wed: [{ start: '09:00', end: '17:60' }] } }, 'week.wed[0].end', /"17:60" is not a valid HH:MM/],
    ['24:00 as a start', { week: { thu: [{ start: '24:00', end: '24:00' }] } }, 'week.thu[0].start', /"24:00" is not a valid HH:MM/],
    ['24:30 as an end', { week: { thu: [{ start: '22:00', end: '24:30' }] } }, 'week.thu[0].end', /"24:30" is not a valid HH:MM/],
    ['start after end', { week: { fri: [{ start: '17:00', end: '09:00' }] } }, 'week.fri[0]', /start 17:00 must be before end 09:00/],
    ['start equal to end', { week: { fri: [{ start: '09:00', end: '09:00' }] } }, 'week.fri[0]', /start 09:00 must be before end 09:00/],
    [
      'overlapping intervals',
      { week: { mon: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } },
      'week.mon[1]',
      /interval 11:00-13:00 overlaps 09:00-12:00 on mon/,
    ],
    [
      'duplicate intervals',
      { week: { mon: [{ start: '09:00', end: '12:00' }, { start: '09:00', end: '12:00' }] } },
      'week.mon[1]',
      /duplicate interval 09:00-12:00 on mon/,
    ],
    [
      'an interval inside another',
      { week: { sun: [{ start: '10:00', end: '11:00' }, { start: '08:00', end: '18:00' }] } },
      'week.sun[0]',
      /interval 10:00-11:00 overlaps 08:00-18:00 on sun/,
    ],
    ['no working time at all', { week: {} }, 'week', /no working time in the whole week/],
    ['only empty days', { week: { mon: [], sat: [] } }, 'week', /no working time in the whole week/],
    ['an unknown weekday', { week: { monday: nineToFive } }, 'week.monday', /"monday" is not a weekday/],
    ['February 30th', { holidays: [{ date: '2026-02-30', name: 'Nope' }] }, 'holidays[0].date', /"2026-02-30" is not a valid YYYY-MM-DD date/],
    ['a non-ISO date', { holidays: [{ date: '25.12.2026', name: 'X' }] }, 'holidays[0].date', /"25.12.2026" is not a valid/],
    ['February 29th in a common year', { holidays: [{ date: '2027-02-29', name: 'X' }] }, 'holidays[0].date', /"2027-02-29"/],
    ['an unnamed holiday', { holidays: [{ date: '2026-12-25', name: ' ' }] }, 'holidays[0].name', /holidays\[0\].name must not be empty/],
    ['an empty name', { name: '' }, 'name', /name must not be empty/],
    ['a blank name', { name: '   ' }, 'name', /name must not be empty/],
    ['an empty id', { id: '' }, 'id', /id must not be empty/],
  ])('rejects %s', (_case, overrides, field, message) => {
    const error = errorOf(() => validateCalendar(spec(overrides)));
    expect(error.code).toBe(SlaErrorCode.InvalidCalendar);
    expect(error.details['field']).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('accepts 29 February in a leap year', () => {
    expect(validateCalendar(spec({ holidays: [{ date: '2028-02-29', name: 'Leap' }] })).holidays).toHaveLength(1);
  });
});

describe('parseTimeOfDay', () => {
  it.each<[string, boolean, number | null]>([
    ['00:00', false, 0],
    ['09:30', false, 570],
    ['23:59', false, 1439],
    ['24:00', true, 1440],
    ['24:00', false, null],
    ['7:00', true, null],
    ['07:0', true, null],
    ['07:00 ', true, null],
  ])('%s (24:00 allowed: %s) -> %p', (text, allow, minutes) => {
    expect(parseTimeOfDay(text, allow)).toBe(minutes);
  });
});
