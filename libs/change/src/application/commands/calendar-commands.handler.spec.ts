import { ChangeErrorCode } from '../../domain';
import type { BlackoutWindowSpec, MaintenanceWindowSpec } from '../../domain';
import { CALENDAR_REFRESH_MS, ChangeCalendarService } from '../calendar/change-calendar.service';
import { InMemoryBlackouts, InMemoryMaintenanceWindows, ManualClock } from '../test-fixtures/in-memory-calendar';
import { InMemoryConfigurationItems } from '../test-fixtures/in-memory-configuration-items';
import {
  DeclareBlackoutCommand,
  DeclareBlackoutHandler,
  DefineMaintenanceWindowCommand,
  DefineMaintenanceWindowHandler,
  LiftBlackoutCommand,
  LiftBlackoutHandler,
  RedefineMaintenanceWindowCommand,
  RedefineMaintenanceWindowHandler,
  RemoveMaintenanceWindowCommand,
  RemoveMaintenanceWindowHandler,
  ReviseBlackoutCommand,
  ReviseBlackoutHandler,
} from './calendar-commands';

// Instants relative to the injected clock's start: nothing depends on today's date.
const START = new Date(Date.UTC(2030, 0, 6, 12));
const DAY = 86_400_000;

function setup() {
  const clock = new ManualClock(START);
  const windows = new InMemoryMaintenanceWindows();
  const blackouts = new InMemoryBlackouts();
  const cis = new InMemoryConfigurationItems();
  cis.ci({ id: 'ci-db', classId: 'database' });
  cis.ci({ id: 'svc-pay', classId: 'application_service', service: true });
  cis.ci({ id: 'ci-old', retired: true });
  const service = new ChangeCalendarService(windows, blackouts, clock);
  return {
    clock, windows, blackouts, service,
    define: new DefineMaintenanceWindowHandler(windows, cis, service, clock),
    redefine: new RedefineMaintenanceWindowHandler(windows, cis, service, clock),
    remove: new RemoveMaintenanceWindowHandler(windows, service),
    declare: new DeclareBlackoutHandler(blackouts, cis, service, clock),
    revise: new ReviseBlackoutHandler(blackouts, cis, service, clock),
    lift: new LiftBlackoutHandler(blackouts, service),
  };
}

const nightly: MaintenanceWindowSpec = { name: 'DB nights', scope: 'ci', targetId: 'ci-db', rrule: 'FREQ=DAILY', firstStart: '2030-01-01T22:00', durationMinutes: 240, timeZone: 'Europe/Berlin' };
const freeze = (): BlackoutWindowSpec => ({ name: 'Year-end freeze', reason: 'Financial close', serviceIds: [], start: new Date(START.getTime() + 10 * DAY), end: new Date(START.getTime() + 20 * DAY) });
const refusal = (code: ChangeErrorCode, field?: string): unknown => expect.objectContaining({ name: 'ChangeError', code, ...(field === undefined ? {} : { details: expect.objectContaining({ field }) }) });

describe('maintenance window commands', () => {
  it('define stores the window and the calendar governs the CI with it', async () => {
    const s = setup();
    const window = await s.define.execute(new DefineMaintenanceWindowCommand(nightly));
    expect(window).toMatchObject({ ...nightly, version: 1, createdAt: START });
    expect(await s.windows.byId(window.id)).toEqual(window);
    const calendar = await s.service.calendar();
    expect(calendar.windowsFor('ci-db', 'database', []).map((w) => w.id)).toEqual([window.id]);
  });

  it.each<[string, Partial<MaintenanceWindowSpec>, ChangeErrorCode, string]>([
    ['a bad RRULE', { rrule: 'FREQ=FORTNIGHTLY' }, ChangeErrorCode.InvalidRecurrence, 'rrule'],
    ['an unknown zone', { timeZone: 'Europe/Atlantis' }, ChangeErrorCode.UnknownTimeZone, 'timeZone'],
    ['an unknown CI', { targetId: 'ci-nowhere' }, ChangeErrorCode.UnknownConfigurationItem, 'targetId'],
    ['a retired CI', { targetId: 'ci-old' }, ChangeErrorCode.UnknownConfigurationItem, 'targetId'],
    ['a service scope naming a non-service CI', { scope: 'service', targetId: 'ci-db' }, ChangeErrorCode.UnknownConfigurationItem, 'targetId'],
  ])('define refuses %s with its code and writes nothing', async (_, change, code, field) => {
    const s = setup();
    await expect(s.define.execute(new DefineMaintenanceWindowCommand({ ...nightly, ...change }))).rejects.toEqual(refusal(code, field));
    expect(await s.windows.all()).toEqual([]);
  });

  it('redefine needs the version read; remove needs the window', async () => {
    const s = setup();
    const window = await s.define.execute(new DefineMaintenanceWindowCommand(nightly));
    s.clock.advance(60_000);
    const moved = await s.redefine.execute(new RedefineMaintenanceWindowCommand(window.id, 1, { ...nightly, firstStart: '2030-01-01T23:00' }));
    expect(moved).toMatchObject({ version: 2, firstStart: '2030-01-01T23:00', createdAt: START, updatedAt: s.clock.now() });
    await expect(s.redefine.execute(new RedefineMaintenanceWindowCommand(window.id, 1, nightly))).rejects.toEqual(refusal(ChangeErrorCode.Conflict));
    await expect(s.redefine.execute(new RedefineMaintenanceWindowCommand(window.id, 2, { ...nightly, durationMinutes: 0 }))).rejects.toEqual(refusal(ChangeErrorCode.InvalidInput, 'durationMinutes'));
    expect(await s.windows.byId(window.id)).toEqual(moved);
    expect(await s.remove.execute(new RemoveMaintenanceWindowCommand(window.id))).toBe(window.id);
    await expect(s.remove.execute(new RemoveMaintenanceWindowCommand(window.id))).rejects.toEqual(refusal(ChangeErrorCode.WindowNotFound));
    expect((await s.service.calendar()).windowsFor('ci-db', 'database', [])).toEqual([]);
  });
});

describe('blackout commands', () => {
  it('a blackout with no reason is refused and nothing is written', async () => {
    const s = setup();
    await expect(s.declare.execute(new DeclareBlackoutCommand({ ...freeze(), reason: '' }))).rejects.toEqual(refusal(ChangeErrorCode.InvalidInput, 'reason'));
    await expect(s.declare.execute(new DeclareBlackoutCommand({ ...freeze(), end: new Date(START.getTime()) }))).rejects.toEqual(refusal(ChangeErrorCode.InvalidInput, 'end'));
    await expect(s.declare.execute(new DeclareBlackoutCommand({ ...freeze(), serviceIds: ['ci-db'] }))).rejects.toEqual(refusal(ChangeErrorCode.UnknownConfigurationItem, 'serviceIds'));
    expect(await s.blackouts.all()).toEqual([]);
  });

  it('declare, revise and lift; the calendar sees blackouts another replica wrote without waiting for a refresh', async () => {
    const s = setup();
    const declared = await s.declare.execute(new DeclareBlackoutCommand({ ...freeze(), serviceIds: ['svc-pay'] }));
    expect(declared).toMatchObject({ name: 'Year-end freeze', reason: 'Financial close', serviceIds: ['svc-pay'], version: 1 });
    const revised = await s.revise.execute(new ReviseBlackoutCommand(declared.id, 1, { ...freeze(), reason: 'Financial close and audit' }));
    expect(revised).toMatchObject({ version: 2, reason: 'Financial close and audit', serviceIds: [] });
    await expect(s.revise.execute(new ReviseBlackoutCommand(declared.id, 1, freeze()))).rejects.toEqual(refusal(ChangeErrorCode.Conflict));
    // Another replica's write, straight into the store.
    const other = { ...freeze(), id: 'b'.repeat(24), createdAt: START, updatedAt: START, version: 1 };
    await s.blackouts.insert(other);
    expect((await s.service.calendar()).allBlackouts().map((b) => b.id).sort()).toEqual([declared.id, other.id].sort());
    await s.lift.execute(new LiftBlackoutCommand(declared.id));
    expect((await s.service.calendar()).allBlackouts().map((b) => b.id)).toEqual([other.id]);
    await expect(s.lift.execute(new LiftBlackoutCommand(declared.id))).rejects.toEqual(refusal(ChangeErrorCode.WindowNotFound));
  });

  it('maintenance windows another replica wrote appear after the refresh period', async () => {
    const s = setup();
    await s.service.calendar();
    await s.windows.insert({ ...nightly, id: 'c'.repeat(24), createdAt: START, updatedAt: START, version: 1 });
    expect((await s.service.calendar()).windowsFor('ci-db', 'database', [])).toEqual([]);
    s.clock.advance(CALENDAR_REFRESH_MS);
    expect((await s.service.calendar()).windowsFor('ci-db', 'database', []).map((w) => w.id)).toEqual(['c'.repeat(24)]);
  });
});
