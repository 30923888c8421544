import { ChangeErrorCode } from '../change.errors';
import { checkBlackoutWindow } from './blackout-window';
import { ChangeCalendar } from './change-calendar';
import type { MaintenanceWindowSpec } from './maintenance-window';
import { compileMaintenanceWindow, expandMaintenanceWindow } from './maintenance-window';

const at = (text: string): number => Date.parse(text);
const iso = (ms: number): string => new Date(ms).toISOString();
const saturdayNights: MaintenanceWindowSpec = {
  name: 'Saturday night', scope: 'ci', targetId: 'ci-db', rrule: 'FREQ=WEEKLY;BYDAY=SA', firstStart: '2031-03-01T22:00', durationMinutes: 240, timeZone: 'Europe/Berlin',
};

describe('maintenance windows', () => {
  it('expands to UTC intervals that keep the local wall time across the spring DST change', () => {
    const window = compileMaintenanceWindow('w1', saturdayNights);
    const intervals = expandMaintenanceWindow(window, { start: at('2031-03-20T00:00:00Z'), end: at('2031-04-06T00:00:00Z') });
    // Berlin moves to summer time on 2031-03-30: 22:00 local is 21:00Z before, 20:00Z after.
    expect(intervals.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2031-03-22T21:00:00.000Z', '2031-03-23T01:00:00.000Z'],
      ['2031-03-29T21:00:00.000Z', '2031-03-30T01:00:00.000Z'],
      ['2031-04-05T20:00:00.000Z', '2031-04-06T00:00:00.000Z'],
    ]);
  });

  it('includes an occurrence that started before the range and still runs into it, none before the first start', () => {
    const window = compileMaintenanceWindow('w1', saturdayNights);
    expect(expandMaintenanceWindow(window, { start: at('2031-03-23T00:30:00Z'), end: at('2031-03-23T02:00:00Z') }).map((i) => iso(i.start))).toEqual(['2031-03-22T21:00:00.000Z']);
    expect(expandMaintenanceWindow(window, { start: at('2031-01-01T00:00:00Z'), end: at('2031-03-01T00:00:00Z') })).toEqual([]);
  });

  it('the calendar caches expansions and answers the windows governing a CI by CI, class and service', () => {
    const calendar = new ChangeCalendar([
      compileMaintenanceWindow('w-ci', saturdayNights),
      compileMaintenanceWindow('w-class', { ...saturdayNights, scope: 'ci_class', targetId: 'database' }),
      compileMaintenanceWindow('w-svc', { ...saturdayNights, scope: 'service', targetId: 'svc-pay' }),
      compileMaintenanceWindow('w-other', { ...saturdayNights, targetId: 'ci-web' }),
    ]);
    expect(calendar.windowsFor('ci-db', 'database', ['svc-pay']).map((w) => w.id).sort()).toEqual(['w-ci', 'w-class', 'w-svc']);
    const window = calendar.window('w-ci');
    if (window === undefined) throw new Error('missing');
    const range = { start: at('2031-03-20T00:00:00Z'), end: at('2031-04-06T00:00:00Z') };
    expect(calendar.occurrences(window, range)).toEqual(expandMaintenanceWindow(window, range));
    expect(calendar.occurrences(window, { start: at('2031-03-29T22:00:00Z'), end: at('2031-03-29T23:00:00Z') })).toHaveLength(1);
  });

  it.each<[string, Partial<MaintenanceWindowSpec>, ChangeErrorCode, string]>([
    ['a bad RRULE', { rrule: 'FREQ=SOMETIMES' }, ChangeErrorCode.InvalidRecurrence, 'rrule'],
    ['a rule more frequent than daily', { rrule: 'FREQ=HOURLY' }, ChangeErrorCode.InvalidRecurrence, 'rrule'],
    ['an unknown zone', { timeZone: 'Mars/Olympus' }, ChangeErrorCode.UnknownTimeZone, 'timeZone'],
    ['an impossible first start', { firstStart: '2031-02-30T22:00' }, ChangeErrorCode.InvalidInput, 'firstStart'],
    ['a malformed first start', { firstStart: 'Saturday' }, ChangeErrorCode.InvalidInput, 'firstStart'],
    ['no duration', { durationMinutes: 0 }, ChangeErrorCode.InvalidInput, 'durationMinutes'],
    ['an unknown scope', { scope: 'everything' as never }, ChangeErrorCode.InvalidInput, 'scope'],
    ['no name', { name: ' ' }, ChangeErrorCode.InvalidInput, 'name'],
  ])('refuses %s with a typed code naming the field', (_, change, code, field) => {
    expect(() => compileMaintenanceWindow('w', { ...saturdayNights, ...change })).toThrow(expect.objectContaining({ name: 'ChangeError', code, details: expect.objectContaining({ field }) }));
  });
});

describe('blackout windows', () => {
  const freeze = { name: 'Year-end freeze', reason: 'Financial close', serviceIds: [], start: new Date(at('2031-12-15T00:00:00Z')), end: new Date(at('2032-01-05T00:00:00Z')) };

  it('are normalised', () => {
    expect(checkBlackoutWindow({ ...freeze, name: ' Freeze ', serviceIds: ['s', 's'] })).toMatchObject({ name: 'Freeze', serviceIds: ['s'] });
  });

  it.each<[string, object, string]>([
    ['no reason', { reason: '  ' }, 'reason'],
    ['an end before the start', { end: new Date(at('2031-12-01T00:00:00Z')) }, 'end'],
    ['an end equal to the start', { end: freeze.start }, 'end'],
    ['no name', { name: '' }, 'name'],
    ['an invalid date', { start: new Date(Number.NaN) }, 'start'],
  ])('refuses %s', (_, change, field) => {
    expect(() => checkBlackoutWindow({ ...freeze, ...change })).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput, details: { field } }));
  });
});
