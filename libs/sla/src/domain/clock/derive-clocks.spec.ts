import { dueEmissions } from './clock-emissions';
import { ALWAYS_OPEN } from '../calendar';
import type { SlaDefinition } from '../definition/sla-definition';
import type { SlaClock } from './derive-clocks';
import { deriveClocks, zoneOf } from './derive-clocks';
import type { TicketTimeline } from './ticket-timeline';
import {
  AROUND_THE_CLOCK_WITH_HOLIDAY,
  BERLIN,
  HOUR,
  MINUTE,
  NO_ZONES,
  RESPONSE_CONDITIONS,
  calendarLookup,
  definition,
  derive,
  iso,
  local,
  onlyClock,
  thresholdsOf,
  ticket,
} from './test-fixtures/clock-fixtures';

const P1 = definition({ id: 'sla-p1-resolution', name: 'P1 resolution', targetMs: 4 * HOUR, appliesTo: { priorities: [1] } });
const P2 = definition({ id: 'sla-p2-resolution', name: 'P2 resolution', targetMs: 8 * HOUR, appliesTo: { priorities: [2] } });
const P3 = definition({ id: 'sla-p3-resolution', name: 'P3 resolution', targetMs: 24 * HOUR, appliesTo: { priorities: [3] } });
const responseOf = (priority: number, targetMs: number): SlaDefinition =>
  definition({
    id: `sla-p${priority}-response`,
    name: `P${priority} response`,
    target: 'response',
    targetMs,
    appliesTo: { priorities: [priority] },
    conditions: RESPONSE_CONDITIONS,
  });

describe('deriveClocks: P2 incident on Mon-Fri 09:00-17:00 Europe/Berlin, 8 business hours', () => {
  // Friday 2026-11-20 16:00 CET = 15:00Z.
  const opened = ticket().open('2026-11-20 16:00', { priority: 2 }).build();

  it('projects warnings and breach over the weekend: 50 % Mon 12:00, 75 % Mon 14:00, breach Mon 16:00 local', () => {
    const clock = onlyClock(derive(opened, [P2], local('2026-11-20 16:30')), P2.id);
    expect(clock).toMatchObject({
      clockId: 'sla-p2-resolution#1',
      stage: 'in_progress',
      running: true,
      hasBreached: false,
      scope: 'ticket',
      segment: null,
      elapsedMs: 30 * MINUTE,
      remainingMs: 7.5 * HOUR,
      pausedMs: 0,
      stoppedAt: null,
      cancelledAt: null,
      cancelReason: null,
      breachedAt: null,
      calendarId: 'office',
      timeZone: BERLIN,
      asOf: local('2026-11-20 16:30'),
    });
    expect(iso(clock.startedAt)).toBe('2026-11-20T15:00:00.000Z');
    expect(iso(clock.breachAt)).toBe('2026-11-23T15:00:00.000Z');
    expect(iso(clock.originalBreachAt)).toBe('2026-11-23T15:00:00.000Z');
    expect(thresholdsOf(clock)).toEqual([
      [50, null, '2026-11-23T11:00:00.000Z'],
      [75, null, '2026-11-23T13:00:00.000Z'],
      [100, null, '2026-11-23T15:00:00.000Z'],
    ]);
  });

  it.each<[string, string, number, string, [number, string | null, string | null][]]>([
    ['over the weekend nothing is consumed', '2026-11-22 23:00', 1 * HOUR, 'in_progress', [
      [50, null, '2026-11-23T11:00:00.000Z'],
      [75, null, '2026-11-23T13:00:00.000Z'],
      [100, null, '2026-11-23T15:00:00.000Z'],
    ]],
    ['Monday 14:30: both warnings reached at their instants, breach still ahead', '2026-11-23 14:30', 6.5 * HOUR, 'in_progress', [
      [50, '2026-11-23T11:00:00.000Z', null],
      [75, '2026-11-23T13:00:00.000Z', null],
      [100, null, '2026-11-23T15:00:00.000Z'],
    ]],
    ['Monday 16:30: breached at 16:00 local, still running', '2026-11-23 16:30', 8.5 * HOUR, 'breached', [
      [50, '2026-11-23T11:00:00.000Z', null],
      [75, '2026-11-23T13:00:00.000Z', null],
      [100, '2026-11-23T15:00:00.000Z', null],
    ]],
  ])('as of %s', (_label, asOf, elapsedMs, stage, thresholds) => {
    const clock = onlyClock(derive(opened, [P2], local(asOf)), P2.id);
    expect(clock.elapsedMs).toBe(elapsedMs);
    expect(clock.remainingMs).toBe(Math.max(0, 8 * HOUR - elapsedMs));
    expect(clock.stage).toBe(stage);
    expect(clock.running).toBe(true);
    expect(thresholdsOf(clock)).toEqual(thresholds);
    expect(iso(clock.breachAt)).toBe('2026-11-23T15:00:00.000Z');
  });

  it('resolving exactly at the deadline is a breach', () => {
    const timeline = ticket().open('2026-11-20 16:00', { priority: 2 }).then('2026-11-23 16:00', { state: 'resolved' }).build();
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-24 09:00')), P2.id);
    expect(clock).toMatchObject({ stage: 'breached', running: false, hasBreached: true, elapsedMs: 8 * HOUR, remainingMs: 0 });
    expect(iso(clock.breachedAt)).toBe('2026-11-23T15:00:00.000Z');
    expect(iso(clock.stoppedAt)).toBe('2026-11-23T15:00:00.000Z');
  });

  it('resolving one minute before the deadline achieves it; warnings stay reached, nothing is projected', () => {
    const timeline = ticket().open('2026-11-20 16:00', { priority: 2 }).then('2026-11-23 15:59', { state: 'resolved' }).build();
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-24 09:00')), P2.id);
    expect(clock).toMatchObject({ stage: 'achieved', running: false, hasBreached: false, breachedAt: null, breachAt: null });
    expect(clock.elapsedMs).toBe(8 * HOUR - MINUTE);
    expect(clock.remainingMs).toBe(MINUTE);
    expect(iso(clock.stoppedAt)).toBe('2026-11-23T14:59:00.000Z');
    expect(thresholdsOf(clock)).toEqual([
      [50, '2026-11-23T11:00:00.000Z', null],
      [75, '2026-11-23T13:00:00.000Z', null],
      [100, null, null],
    ]);
  });

  it('a definition for another priority, an inactive one and an empty history give no clock', () => {
    expect(derive(opened, [P1, P3, { ...P2, active: false }], local('2026-11-23 12:00'))).toEqual([]);
    expect(derive({ ...opened, facts: [] }, [P2], local('2026-11-23 12:00'))).toEqual([]);
  });
});

describe('deriveClocks: on hold Monday 10:00-15:00 (pause condition)', () => {
  const timeline = ticket()
    .open('2026-11-20 16:00', { priority: 2 })
    .then('2026-11-23 09:30', { state: 'in_progress' })
    .then('2026-11-23 10:00', { state: 'on_hold' })
    .then('2026-11-23 15:00', { state: 'in_progress' })
    .build();

  it('while paused: no projection, paused time accumulates in business time', () => {
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-23 12:00')), P2.id);
    expect(clock).toMatchObject({ stage: 'paused', running: false, elapsedMs: 2 * HOUR, pausedMs: 2 * HOUR, breachAt: null });
    expect(thresholdsOf(clock)).toEqual([
      [50, null, null],
      [75, null, null],
      [100, null, null],
    ]);
    expect(iso(clock.originalBreachAt)).toBe('2026-11-23T15:00:00.000Z');
  });

  it('paused time is not consumed: breach moves to Tuesday 13:00 local, pausedMs = 5 h', () => {
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-23 15:30')), P2.id);
    expect(clock).toMatchObject({ stage: 'in_progress', running: true, elapsedMs: 2.5 * HOUR, pausedMs: 5 * HOUR });
    expect(iso(clock.breachAt)).toBe('2026-11-24T12:00:00.000Z');
    expect(iso(clock.originalBreachAt)).toBe('2026-11-23T15:00:00.000Z');
    expect(thresholdsOf(clock)).toEqual([
      [50, null, '2026-11-23T16:00:00.000Z'],
      [75, null, '2026-11-24T10:00:00.000Z'],
      [100, null, '2026-11-24T12:00:00.000Z'],
    ]);
  });

  it('replayed after the moved deadline: breached at Tuesday 13:00 local, not at the original Monday 16:00', () => {
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-24 17:00')), P2.id);
    expect(clock).toMatchObject({ stage: 'breached', hasBreached: true, pausedMs: 5 * HOUR, elapsedMs: 12 * HOUR });
    expect(iso(clock.breachedAt)).toBe('2026-11-24T12:00:00.000Z');
    expect(iso(clock.originalBreachAt)).toBe('2026-11-23T15:00:00.000Z');
    expect(thresholdsOf(clock)).toEqual([
      [50, '2026-11-23T16:00:00.000Z', null],
      [75, '2026-11-24T10:00:00.000Z', null],
      [100, '2026-11-24T12:00:00.000Z', null],
    ]);
  });

  it('an explicit resume list: only those states resume, others keep the clock paused', () => {
    const strict = { ...P2, conditions: { ...P2.conditions, resume: ['in_progress'] } };
    const back = ticket()
      .open('2026-11-23 09:00', { priority: 2 })
      .then('2026-11-23 10:00', { state: 'on_hold' })
      .then('2026-11-23 11:00', { state: 'new' })
      .then('2026-11-23 12:00', { state: 'in_progress' })
      .build();
    expect(onlyClock(derive(back, [strict], local('2026-11-23 13:00')), P2.id)).toMatchObject({ elapsedMs: 2 * HOUR, pausedMs: 2 * HOUR });
    // With resume empty, any state outside pause/stop/cancel resumes: 'new' at 11:00 does.
    expect(onlyClock(derive(back, [P2], local('2026-11-23 13:00')), P2.id)).toMatchObject({ elapsedMs: 3 * HOUR, pausedMs: HOUR });
  });
});

describe('deriveClocks: priority change P3 -> P1 (retroactive start)', () => {
  const definitions = [P3, P1];

  it('cancels P3 (no_longer_applies) and attaches P1 with all time since opening, pauses included, thresholds at their historic instants', () => {
    const timeline = ticket()
      .open('2026-11-23 09:00', { priority: 3 })
      .then('2026-11-23 10:00', { state: 'on_hold' })
      .then('2026-11-23 11:00', { state: 'in_progress' })
      .then('2026-11-23 15:00', { priority: 1 })
      .build();
    const clocks = derive(timeline, definitions, local('2026-11-23 15:30'));
    expect(clocks.map((c) => [c.clockId, c.stage])).toEqual([
      ['sla-p3-resolution#1', 'cancelled'],
      ['sla-p1-resolution#1', 'breached'],
    ]);

    const p3 = onlyClock(clocks, P3.id);
    expect(p3).toMatchObject({ cancelReason: 'no_longer_applies', running: false, elapsedMs: 5 * HOUR, pausedMs: HOUR, breachAt: null });
    expect(iso(p3.cancelledAt)).toBe('2026-11-23T14:00:00.000Z');
    expect(iso(p3.startedAt)).toBe('2026-11-23T08:00:00.000Z');

    const p1 = onlyClock(clocks, P1.id);
    expect(p1).toMatchObject({ running: true, hasBreached: true, elapsedMs: 5.5 * HOUR, pausedMs: HOUR, targetMs: 4 * HOUR, remainingMs: 0 });
    expect(iso(p1.startedAt)).toBe('2026-11-23T08:00:00.000Z');
    expect(iso(p1.originalBreachAt)).toBe('2026-11-23T12:00:00.000Z');
    expect(iso(p1.breachedAt)).toBe('2026-11-23T13:00:00.000Z');
    expect(thresholdsOf(p1)).toEqual([
      [50, '2026-11-23T11:00:00.000Z', null],
      [75, '2026-11-23T12:00:00.000Z', null],
      [100, '2026-11-23T13:00:00.000Z', null],
    ]);
  });

  it('within the new target: the 50 % warning is already reached (historic), the rest projected', () => {
    const timeline = ticket().open('2026-11-23 09:00', { priority: 3 }).then('2026-11-23 11:30', { priority: 1 }).build();
    const p1 = onlyClock(derive(timeline, definitions, local('2026-11-23 11:45')), P1.id);
    expect(p1).toMatchObject({ stage: 'in_progress', elapsedMs: 2.75 * HOUR, remainingMs: 1.25 * HOUR });
    expect(thresholdsOf(p1)).toEqual([
      [50, '2026-11-23T10:00:00.000Z', null],
      [75, null, '2026-11-23T11:00:00.000Z'],
      [100, null, '2026-11-23T12:00:00.000Z'],
    ]);
  });

  it('back to P3: P1 is cancelled and P3 re-attached as a new attempt with the whole history', () => {
    const timeline = ticket()
      .open('2026-11-23 09:00', { priority: 3 })
      .then('2026-11-23 10:00', { priority: 1 })
      .then('2026-11-23 11:00', { priority: 3 })
      .build();
    const clocks = derive(timeline, definitions, local('2026-11-23 12:00'));
    expect(clocks.map((c) => [c.clockId, c.stage, c.cancelReason, c.elapsedMs])).toEqual([
      ['sla-p3-resolution#1', 'cancelled', 'no_longer_applies', HOUR],
      ['sla-p3-resolution#2', 'in_progress', null, 3 * HOUR],
      ['sla-p1-resolution#1', 'cancelled', 'no_longer_applies', 2 * HOUR],
    ]);
  });

  it('re-attached (P1 -> P3 -> P1) the clock shares its predecessor\'s emission scope, so no warning is owed twice', () => {
    const timeline = ticket()
      .open('2026-11-23 09:00', { priority: 1 })
      .then('2026-11-23 11:30', { priority: 3 })
      .then('2026-11-23 11:45', { priority: 1 })
      .build();
    const clocks = derive(timeline, definitions, local('2026-11-23 12:00'));
    const p1 = clocks.filter((c) => c.definitionId === P1.id);
    expect(p1.map((c) => [c.clockId, c.emissionScope, c.stage])).toEqual([
      ['sla-p1-resolution#1', 'sla-p1-resolution~0', 'cancelled'],
      ['sla-p1-resolution#2', 'sla-p1-resolution~0', 'in_progress'],
    ]);
    // The 50 % warning (reached 11:00, before the detach) is owed under the same key by both attempts: emitted once.
    expect(dueEmissions(clocks, new Set(['sla-p1-resolution~0:50'])).filter((d) => d.key.startsWith('sla-p1')).map((d) => d.key)).toEqual([
      'sla-p1-resolution~0:75',
      'sla-p1-resolution~0:100',
    ]);
  });

  it('a completed response clock is kept when the priority changes afterwards (no silent loss of the record)', () => {
    const timeline = ticket()
      .open('2026-11-23 09:00', { priority: 3 })
      .then('2026-11-23 09:20', { state: 'in_progress' })
      .then('2026-11-23 10:00', { priority: 1 })
      .build();
    const clocks = derive(timeline, [responseOf(3, 2 * HOUR), responseOf(1, 15 * MINUTE), P3, P1], local('2026-11-23 11:00'));
    expect(clocks.map((c) => [c.clockId, c.stage, c.cancelReason])).toEqual([
      ['sla-p3-response#1', 'achieved', null],
      ['sla-p3-resolution#1', 'cancelled', 'no_longer_applies'],
      ['sla-p1-resolution#1', 'in_progress', null],
    ]);
    expect(iso(onlyClock(clocks, 'sla-p3-response').stoppedAt)).toBe('2026-11-23T08:20:00.000Z');
  });

  it('a resolved clock whose ticket is reopened under the new priority: the old one cancelled then, the new one retroactive', () => {
    const timeline = ticket()
      .open('2026-11-23 09:00', { priority: 3 })
      .then('2026-11-23 10:00', { state: 'resolved' })
      .then('2026-11-23 11:00', { priority: 1 })
      .then('2026-11-23 12:00', { state: 'in_progress' })
      .build();
    const clocks = derive(timeline, definitions, local('2026-11-23 13:00'));
    expect(clocks.map((c) => [c.clockId, c.stage, c.cancelReason, c.elapsedMs, iso(c.cancelledAt)])).toEqual([
      ['sla-p3-resolution#1', 'cancelled', 'no_longer_applies', HOUR, '2026-11-23T11:00:00.000Z'],
      ['sla-p1-resolution#1', 'in_progress', null, 2 * HOUR, null],
    ]);
  });
});

describe('deriveClocks: reopen, reset, cancel, response', () => {
  it('reopen resumes the stopped resolution clock; the time while resolved is not counted', () => {
    const timeline = ticket()
      .open('2026-11-23 09:00', { priority: 2 })
      .then('2026-11-23 09:30', { state: 'in_progress' })
      .then('2026-11-23 11:00', { state: 'resolved' })
      .then('2026-11-24 10:00', { state: 'in_progress' })
      .then('2026-11-24 11:30', { state: 'resolved' })
      .build();

    const resolved = onlyClock(derive(timeline, [P2], local('2026-11-23 12:00')), P2.id);
    expect(resolved).toMatchObject({ clockId: 'sla-p2-resolution#1', stage: 'achieved', running: false, elapsedMs: 2 * HOUR, breachAt: null });
    expect(iso(resolved.stoppedAt)).toBe('2026-11-23T10:00:00.000Z');

    const reopened = onlyClock(derive(timeline, [P2], local('2026-11-24 11:00')), P2.id);
    expect(reopened).toMatchObject({ clockId: 'sla-p2-resolution#1', stage: 'in_progress', running: true, stoppedAt: null, elapsedMs: 3 * HOUR, pausedMs: 0 });
    expect(iso(reopened.breachAt)).toBe('2026-11-24T15:00:00.000Z');
    expect(iso(reopened.originalBreachAt)).toBe('2026-11-23T16:00:00.000Z');
    expect(iso(reopened.startedAt)).toBe('2026-11-23T08:00:00.000Z');

    const final = onlyClock(derive(timeline, [P2], local('2026-11-25 09:00')), P2.id);
    expect(final).toMatchObject({ stage: 'achieved', elapsedMs: 3.5 * HOUR, pausedMs: 0 });
    expect(iso(final.stoppedAt)).toBe('2026-11-24T10:30:00.000Z');
  });

  it('closing a resolved ticket keeps the clock stopped', () => {
    const timeline = ticket()
      .open('2026-11-23 09:00', { priority: 2 })
      .then('2026-11-23 11:00', { state: 'resolved' })
      .then('2026-11-26 11:00', { state: 'closed' })
      .build();
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-27 09:00')), P2.id);
    expect(clock).toMatchObject({ stage: 'achieved', elapsedMs: 2 * HOUR });
    expect(iso(clock.stoppedAt)).toBe('2026-11-23T10:00:00.000Z');
  });

  describe('reset condition (back to new restarts the clock)', () => {
    const resettable = { ...P2, conditions: { ...P2.conditions, reset: ['new'] } };
    const timeline = ticket()
      .open('2026-11-23 09:00', { priority: 2 })
      .then('2026-11-23 10:00', { state: 'in_progress' })
      .then('2026-11-23 12:00', { state: 'new' })
      .then('2026-11-23 12:30', { groupId: 'grp-network' })
      .then('2026-11-23 13:00', { state: 'in_progress' })
      .build();

    it('cancels the first attempt (reason reset) and starts a new one from zero with a new clock id', () => {
      const clocks = derive(timeline, [resettable], local('2026-11-23 14:00'));
      expect(clocks.map((c) => [c.clockId, c.stage, c.cancelReason, c.elapsedMs])).toEqual([
        ['sla-p2-resolution#1', 'cancelled', 'reset', 3 * HOUR],
        ['sla-p2-resolution#2', 'in_progress', null, 2 * HOUR],
      ]);
      const [first, second] = clocks as [SlaClock, SlaClock];
      expect(iso(first.cancelledAt)).toBe('2026-11-23T11:00:00.000Z');
      expect(iso(second.startedAt)).toBe('2026-11-23T11:00:00.000Z');
      expect(iso(second.originalBreachAt)).toBe('2026-11-24T11:00:00.000Z');
      expect(iso(second.breachAt)).toBe('2026-11-24T11:00:00.000Z');
    });

    it('an attribute-only event while in the reset state does not reset again', () => {
      const clocks = derive(timeline, [resettable], local('2026-11-23 12:45'));
      expect(clocks.map((c) => [c.clockId, c.elapsedMs])).toEqual([
        ['sla-p2-resolution#1', 3 * HOUR],
        ['sla-p2-resolution#2', 45 * MINUTE],
      ]);
    });
  });

  it('ticket canceled: the clock is cancelled with reason ticket_canceled at that instant', () => {
    const timeline = ticket()
      .open('2026-11-23 09:00', { priority: 2 })
      .then('2026-11-23 09:30', { state: 'in_progress' })
      .then('2026-11-23 11:00', { state: 'canceled' })
      .build();
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-23 15:00')), P2.id);
    expect(clock).toMatchObject({ stage: 'cancelled', cancelReason: 'ticket_canceled', running: false, elapsedMs: 2 * HOUR, breachAt: null, stoppedAt: null });
    expect(iso(clock.cancelledAt)).toBe('2026-11-23T10:00:00.000Z');
  });

  it('canceled in the same event that changes an attribute the definition filters on: still ticket_canceled', () => {
    const timeline = ticket()
      .open('2026-11-23 09:00', { priority: 2 })
      .then('2026-11-23 11:00', { state: 'canceled', priority: 3 })
      .then('2026-11-23 12:00', { groupId: 'grp-archive' })
      .build();
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-23 15:00')), P2.id);
    expect(clock).toMatchObject({ stage: 'cancelled', cancelReason: 'ticket_canceled', elapsedMs: 2 * HOUR });
    expect(iso(clock.cancelledAt)).toBe('2026-11-23T10:00:00.000Z');
  });

  it('ticket canceled while paused: cancelled, not stopped', () => {
    const timeline = ticket()
      .open('2026-11-23 09:00', { priority: 2 })
      .then('2026-11-23 10:00', { state: 'on_hold' })
      .then('2026-11-23 11:00', { state: 'canceled' })
      .build();
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-23 15:00')), P2.id);
    expect(clock).toMatchObject({ stage: 'cancelled', cancelReason: 'ticket_canceled', elapsedMs: HOUR, pausedMs: HOUR });
  });

  it.each<[string, string, string, number, [number, string | null, string | null][]]>([
    ['owned within the hour: achieved', '2026-11-23 09:40', 'achieved', 40 * MINUTE, [
      [50, '2026-11-23T08:30:00.000Z', null],
      [75, null, null],
      [100, null, null],
    ]],
    ['owned after the hour: breached at 10:00 local', '2026-11-23 10:15', 'breached', 75 * MINUTE, [
      [50, '2026-11-23T08:30:00.000Z', null],
      [75, '2026-11-23T08:45:00.000Z', null],
      [100, '2026-11-23T09:00:00.000Z', null],
    ]],
  ])('response target stops at in_progress: %s', (_label, ownedAt, stage, elapsedMs, thresholds) => {
    const response = responseOf(2, HOUR);
    const timeline = ticket().open('2026-11-23 09:00', { priority: 2 }).then(ownedAt, { state: 'in_progress' }).build();
    const clocks = derive(timeline, [response, P2], local('2026-11-23 12:00'));
    const clock = onlyClock(clocks, response.id);
    expect(clock).toMatchObject({ clockId: 'sla-p2-response#1', target: 'response', stage, elapsedMs, running: false });
    expect(clock.stoppedAt).toBe(local(ownedAt));
    expect(thresholdsOf(clock)).toEqual(thresholds);
    expect(onlyClock(clocks, P2.id).stage).toBe('in_progress');
  });
});

describe('deriveClocks: supplier (UC) and group (OLA) segments, 24x7 in Berlin', () => {
  const UC = definition({
    id: 'uc-supplier',
    name: 'Supplier resolution',
    kind: 'UC',
    scope: 'supplier_segment',
    targetMs: 4 * HOUR,
    calendarId: ALWAYS_OPEN.id,
  });
  const OLA = definition({
    id: 'ola-group',
    name: 'Group OLA',
    kind: 'OLA',
    scope: 'group_segment',
    targetMs: 2 * HOUR,
    calendarId: ALWAYS_OPEN.id,
  });
  // Service desk 08:00-09:00, supplier A 09:00-14:00, internal network team 14:00-15:00, supplier B since 15:00.
  const timeline = ticket()
    .open('2026-11-23 08:00')
    .then('2026-11-23 08:30', { state: 'in_progress' })
    .then('2026-11-23 09:00', { groupId: 'grp-a-ops', supplierOrgId: 'org-a' })
    .then('2026-11-23 11:00', { priority: 1 })
    .then('2026-11-23 14:00', { groupId: 'grp-network', supplierOrgId: null })
    .then('2026-11-23 15:00', { groupId: 'grp-b-field', supplierOrgId: 'org-b' })
    .build();
  const asOf = local('2026-11-23 16:00');

  it('one UC clock per supplier segment, numbered among the supplier segments; the first stops at reassignment', () => {
    const clocks = derive(timeline, [UC], asOf);
    expect(clocks.map((c) => [c.clockId, c.segment, c.stage, c.running, c.elapsedMs])).toEqual([
      ['uc-supplier@1#1', { index: 1, orgId: 'org-a', groupId: 'grp-a-ops' }, 'breached', false, 5 * HOUR],
      ['uc-supplier@2#1', { index: 2, orgId: 'org-b', groupId: 'grp-b-field' }, 'in_progress', true, HOUR],
    ]);
    const [a, b] = clocks as [SlaClock, SlaClock];
    expect([iso(a.startedAt), iso(a.stoppedAt), iso(a.breachedAt)]).toEqual([
      '2026-11-23T08:00:00.000Z',
      '2026-11-23T13:00:00.000Z',
      '2026-11-23T12:00:00.000Z',
    ]);
    expect([iso(b.startedAt), iso(b.breachAt), iso(b.originalBreachAt)]).toEqual([
      '2026-11-23T14:00:00.000Z',
      '2026-11-23T18:00:00.000Z',
      '2026-11-23T18:00:00.000Z',
    ]);
  });

  it('a supplier that hands over in time achieves its segment', () => {
    const quick = ticket()
      .open('2026-11-23 08:00', { state: 'in_progress' })
      .then('2026-11-23 09:00', { supplierOrgId: 'org-a' })
      .then('2026-11-23 12:00', { supplierOrgId: null })
      .build();
    const clock = onlyClock(derive(quick, [UC], asOf), UC.id);
    expect(clock).toMatchObject({ clockId: 'uc-supplier@1#1', stage: 'achieved', elapsedMs: 3 * HOUR, hasBreached: false });
    expect(iso(clock.stoppedAt)).toBe('2026-11-23T11:00:00.000Z');
  });

  it('appliesTo.supplierOrgIds keeps only that supplier; the index still counts every supplier segment', () => {
    const onlyB = { ...UC, appliesTo: { ...UC.appliesTo, supplierOrgIds: ['org-b'] } };
    expect(derive(timeline, [onlyB], asOf).map((c) => [c.clockId, c.segment?.orgId])).toEqual([['uc-supplier@2#1', 'org-b']]);
  });

  it('returning to the same supplier later is a new segment', () => {
    const back = ticket()
      .open('2026-11-23 08:00', { state: 'in_progress', supplierOrgId: 'org-a' })
      .then('2026-11-23 09:00', { supplierOrgId: null })
      .then('2026-11-23 10:00', { supplierOrgId: 'org-a' })
      .build();
    expect(derive(back, [UC], asOf).map((c) => [c.clockId, c.segment?.index, c.stage, c.elapsedMs])).toEqual([
      ['uc-supplier@1#1', 1, 'achieved', HOUR],
      ['uc-supplier@2#1', 2, 'breached', 6 * HOUR],
    ]);
  });

  it('a segment that begins on hold starts its clock when work resumes; resolving stops it', () => {
    const held = ticket()
      .open('2026-11-23 08:00', { state: 'on_hold' })
      .then('2026-11-23 09:00', { supplierOrgId: 'org-a' })
      .then('2026-11-23 10:00', { state: 'in_progress' })
      .then('2026-11-23 12:00', { state: 'resolved' })
      .then('2026-11-23 13:00', { supplierOrgId: null })
      .build();
    const clock = onlyClock(derive(held, [UC], asOf), UC.id);
    expect(clock).toMatchObject({ stage: 'achieved', elapsedMs: 2 * HOUR, pausedMs: 0 });
    expect([iso(clock.startedAt), iso(clock.stoppedAt)]).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-23T11:00:00.000Z']);
  });

  it('one OLA clock per group segment; assignmentGroupIds filters', () => {
    expect(derive(timeline, [OLA], asOf).map((c) => [c.clockId, c.segment?.groupId, c.stage, c.elapsedMs, iso(c.breachedAt)])).toEqual([
      ['ola-group@1#1', 'grp-service-desk', 'achieved', HOUR, null],
      ['ola-group@2#1', 'grp-a-ops', 'breached', 5 * HOUR, '2026-11-23T10:00:00.000Z'],
      ['ola-group@3#1', 'grp-network', 'achieved', HOUR, null],
      ['ola-group@4#1', 'grp-b-field', 'in_progress', HOUR, null],
    ]);
    const network = { ...OLA, appliesTo: { ...OLA.appliesTo, assignmentGroupIds: ['grp-network'] } };
    expect(derive(timeline, [network], asOf).map((c) => c.clockId)).toEqual(['ola-group@3#1']);
  });

  it('a priority filter inside a segment attaches retroactively to the segment start', () => {
    const p1Only = { ...UC, appliesTo: { ...UC.appliesTo, priorities: [1] } };
    const clocks = derive(timeline, [p1Only], asOf);
    // Priority 1 from 11:00 (during supplier A's segment): A's clock counts from 09:00.
    expect(clocks.map((c) => [c.clockId, iso(c.startedAt), c.elapsedMs])).toEqual([
      ['uc-supplier@1#1', '2026-11-23T08:00:00.000Z', 5 * HOUR],
      ['uc-supplier@2#1', '2026-11-23T14:00:00.000Z', HOUR],
    ]);
  });
});

describe('deriveClocks: 24x7 calendars', () => {
  const around = (calendarId: string): SlaDefinition =>
    definition({ id: `sla-${calendarId}`, name: calendarId, targetMs: 24 * HOUR, calendarId });

  it.each([ALWAYS_OPEN.id, AROUND_THE_CLOCK_WITH_HOLIDAY.id])('%s: a pause across the weekend counts the whole weekend as paused', (calendarId) => {
    const def = around(calendarId);
    const timeline = ticket()
      .open('2026-11-20 12:00')
      .then('2026-11-20 18:00', { state: 'on_hold' })
      .then('2026-11-23 08:00', { state: 'in_progress' })
      .build();
    const clock = onlyClock(derive(timeline, [def], local('2026-11-23 09:00')), def.id);
    expect(clock).toMatchObject({ stage: 'in_progress', elapsedMs: 7 * HOUR, pausedMs: 62 * HOUR });
    expect(iso(clock.originalBreachAt)).toBe('2026-11-21T11:00:00.000Z');
    expect(iso(clock.breachAt)).toBe('2026-11-24T01:00:00.000Z');
  });

  it.each([ALWAYS_OPEN.id, AROUND_THE_CLOCK_WITH_HOLIDAY.id])('%s: the fall-back day 2026-10-25 in Berlin counts 25 h', (calendarId) => {
    const def = { ...around(calendarId), targetMs: 48 * HOUR };
    const timeline = ticket().open('2026-10-25 00:00').then('2026-10-26 00:00', { state: 'on_hold' }).build();
    expect(iso(timeline.facts[0]?.at ?? 0)).toBe('2026-10-24T22:00:00.000Z');
    const clock = onlyClock(derive(timeline, [def], local('2026-10-26 12:00')), def.id);
    expect(clock).toMatchObject({ elapsedMs: 25 * HOUR, pausedMs: 12 * HOUR, stage: 'paused' });
    expect(thresholdsOf(clock)).toEqual([
      [50, '2026-10-25T22:00:00.000Z', null],
      [75, null, null],
      [100, null, null],
    ]);
    expect(iso(clock.originalBreachAt)).toBe('2026-10-26T22:00:00.000Z');
  });

  it.each([ALWAYS_OPEN.id, AROUND_THE_CLOCK_WITH_HOLIDAY.id])('%s: the spring-forward day 2026-03-29 in Berlin counts 23 h', (calendarId) => {
    const def = around(calendarId);
    const timeline = ticket().open('2026-03-29 00:00').then('2026-03-30 00:00', { state: 'resolved' }).build();
    expect(onlyClock(derive(timeline, [def], local('2026-03-30 12:00')), def.id)).toMatchObject({ elapsedMs: 23 * HOUR, stage: 'achieved' });
  });
});

describe('deriveClocks: time-zone source', () => {
  const NEW_YORK = 'America/New_York';

  it.each<[SlaDefinition['timeZoneSource'], string | null, string | null, string, string]>([
    ['definition', NEW_YORK, NEW_YORK, BERLIN, '2026-11-23T16:00:00.000Z'],
    ['caller', NEW_YORK, null, NEW_YORK, '2026-11-23T22:00:00.000Z'],
    ['caller', null, NEW_YORK, BERLIN, '2026-11-23T16:00:00.000Z'],
    ['configuration_item', null, NEW_YORK, NEW_YORK, '2026-11-23T22:00:00.000Z'],
    ['configuration_item', NEW_YORK, null, BERLIN, '2026-11-23T16:00:00.000Z'],
  ])('source %s (caller %s, CI %s): working hours read in %s', (source, caller, ci, zone, breachAt) => {
    // Monday 09:00 Berlin = 08:00Z = 03:00 New York: New York's day starts at 14:00Z.
    const def = { ...P2, timeZoneSource: source };
    const zones = { caller, configurationItem: ci };
    expect(zoneOf(def, zones)).toBe(zone);
    const timeline = ticket().open('2026-11-23 09:00').build();
    const calendarFor = calendarLookup();
    const clock = onlyClock(deriveClocks(timeline, { definitions: [def], calendarFor, zones }, local('2026-11-23 09:00')), P2.id);
    expect(calendarFor.calls).toEqual([`office|${zone}`]);
    expect(clock.timeZone).toBe(zone);
    expect(iso(clock.breachAt)).toBe(breachAt);
  });
});

describe('deriveClocks: replay determinism', () => {
  const UC = definition({ id: 'uc-supplier', name: 'UC', kind: 'UC', scope: 'supplier_segment', targetMs: 4 * HOUR });
  const OLA = definition({ id: 'ola-group', name: 'OLA', kind: 'OLA', scope: 'group_segment', targetMs: 2 * HOUR });
  const resettable = definition({ id: 'sla-any-resettable', name: 'Resettable', targetMs: 16 * HOUR, conditions: { reset: ['new'] } });
  const definitions = [responseOf(3, HOUR), responseOf(1, 15 * MINUTE), P3, P1, UC, OLA, resettable];
  const history = ticket()
    .open('2026-11-20 16:00', { priority: 3 })
    .then('2026-11-23 09:10', { state: 'in_progress' })
    .then('2026-11-23 10:00', { groupId: 'grp-a-ops', supplierOrgId: 'org-a' })
    .then('2026-11-23 11:00', { state: 'on_hold' })
    .then('2026-11-23 13:00', { state: 'in_progress', priority: 1 })
    .then('2026-11-23 15:00', { groupId: 'grp-network', supplierOrgId: null })
    .then('2026-11-24 10:00', { state: 'new' })
    .then('2026-11-24 10:30', { state: 'in_progress', groupId: 'grp-b-field', supplierOrgId: 'org-b' })
    .then('2026-11-24 12:00', { state: 'resolved' })
    .then('2026-11-25 09:00', { state: 'in_progress' })
    .then('2026-11-25 11:00', { state: 'resolved' })
    .build();
  const finalAsOf = local('2026-11-26 09:00');
  const prefix = (n: number): TicketTimeline => ({ ...history, facts: history.facts.slice(0, n) });
  const deepFreeze = <T>(value: T): T => {
    if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(deepFreeze);
      Object.freeze(value);
    }
    return value;
  };

  it('replays the whole history into every kind of clock (the scenario the properties below run on)', () => {
    const clocks = derive(history, definitions, finalAsOf);
    expect(clocks.map((c) => [c.clockId, c.stage, c.cancelReason, c.elapsedMs / MINUTE, c.pausedMs / MINUTE])).toEqual([
      // Breached on Friday; back to 'new' under P1 on Tuesday resumes it, so it no longer applies...
      ['sla-p3-response#1', 'cancelled', 'no_longer_applies', 70, 0],
      // ...and the P1 response clock attaches retroactively, already breached.
      ['sla-p1-response#1', 'breached', null, 100, 0],
      ['sla-p3-resolution#1', 'cancelled', 'no_longer_applies', 180, 120],
      ['sla-p1-resolution#1', 'breached', null, 720, 120],
      ['uc-supplier@1#1', 'achieved', null, 180, 120],
      ['uc-supplier@2#1', 'achieved', null, 210, 0],
      ['ola-group@1#1', 'breached', null, 120, 0],
      ['ola-group@2#1', 'breached', null, 180, 120],
      ['ola-group@3#1', 'breached', null, 210, 0],
      ['ola-group@4#1', 'breached', null, 210, 0],
      ['sla-any-resettable#1', 'cancelled', 'reset', 480, 120],
      ['sla-any-resettable#2', 'achieved', null, 240, 0],
    ]);
  });

  it('the same history derived twice (even with a shared calendar cache) gives identical clocks and mutates nothing', () => {
    const frozen = deepFreeze(structuredClone(history));
    const frozenDefinitions = deepFreeze(structuredClone(definitions));
    const inputs = { definitions: frozenDefinitions, calendarFor: calendarLookup(), zones: NO_ZONES };
    const first = deriveClocks(frozen, inputs, finalAsOf);
    const second = deriveClocks(frozen, inputs, finalAsOf);
    expect(second).toEqual(first);
    expect(frozen).toEqual(history);
    expect(frozenDefinitions).toEqual(definitions);
    expect(derive(history, definitions, finalAsOf)).toEqual(first);
  });

  it('deriving each prefix of the history (facts appended one by one) equals deriving the whole history at the same asOf', () => {
    const facts = history.facts;
    facts.forEach((fact, i) => {
      const next = facts[i + 1]?.at ?? finalAsOf;
      for (const asOf of [fact.at, fact.at + Math.floor((next - fact.at) / 2)]) {
        expect({ n: i + 1, asOf: iso(asOf), clocks: derive(prefix(i + 1), definitions, asOf) }).toEqual({
          n: i + 1,
          asOf: iso(asOf),
          clocks: derive(history, definitions, asOf),
        });
      }
    });
  });

  it('appending facts never rewrites the past: ids, starts, original breaches, reached thresholds and cancellations stay', () => {
    const final = new Map(derive(history, definitions, finalAsOf).map((c) => [c.clockId, c]));
    history.facts.forEach((fact, i) => {
      for (const clock of derive(prefix(i + 1), definitions, fact.at)) {
        const later = final.get(clock.clockId);
        expect(later).toBeDefined();
        if (later === undefined) continue;
        expect([later.startedAt, later.originalBreachAt]).toEqual([clock.startedAt, clock.originalBreachAt]);
        if (clock.stage === 'cancelled') expect({ ...later, asOf: 0 }).toEqual({ ...clock, asOf: 0 });
        for (const threshold of clock.thresholds) {
          if (threshold.reachedAt === null) continue;
          expect(later.thresholds.find((t) => t.percent === threshold.percent)?.reachedAt).toBe(threshold.reachedAt);
        }
      }
    });
  });

  it('ignores facts after asOf: the state at asOf decides, not what happened later', () => {
    const asOf = local('2026-11-24 11:00');
    const laterResolved = onlyClock(derive(history, [resettable], asOf).filter((c) => c.stage !== 'cancelled'), resettable.id);
    expect(laterResolved).toMatchObject({ stage: 'in_progress', running: true, stoppedAt: null });
  });
});
