import { lifecycleEmissions, unwrittenLifecycle, vanishedClocks } from './clock-lifecycle';
import type { LifecycleEmission } from './clock-lifecycle';
import type { SlaClock } from './derive-clocks';
import { HOUR, definition, derive, iso, local, onlyClock, ticket } from './test-fixtures/clock-fixtures';
import type { TicketTimeline } from './ticket-timeline';

// P2 resolution: 8 business hours on Mon-Fri 09:00-17:00 Berlin (UTC+1 in November); 2026-11-23 is a Monday.
const P2 = definition();
const P1 = definition({ id: 'sla-p1-resolution', name: 'P1 resolution', targetMs: 4 * HOUR, appliesTo: { priorities: [1] } });
const P3 = definition({ id: 'sla-p3-resolution', name: 'P3 resolution', targetMs: 24 * HOUR, appliesTo: { priorities: [3] } });

/** An emission as readable text: key, kind, at, dueAt and the change's numbers. */
function readable(e: LifecycleEmission): Record<string, unknown> {
  const { kind, at, dueAt, ...rest } = e.change;
  return { key: e.key, kind, at: iso(at), dueAt: iso(dueAt), ...rest };
}

/** What a ticket's projections write, event by event (as the engine derives at each ticket event), each change once. */
function writtenEventByEvent(timeline: TicketTimeline, definitions = [P2]): Record<string, unknown>[] {
  const written = new Set<string>();
  const out: Record<string, unknown>[] = [];
  timeline.facts.forEach((fact, i) => {
    const prefix = { ...timeline, facts: timeline.facts.slice(0, i + 1) };
    for (const e of unwrittenLifecycle(derive(prefix, definitions, fact.at), written)) {
      written.add(e.key);
      out.push(readable(e));
    }
  });
  return out;
}

describe('lifecycleEmissions', () => {
  it('a clock paused and resumed, then met: started, its pause, its rescheduled breach instant, stopped with business elapsed and paused time', () => {
    // Mon 16:00 opened; Tue 10:00 on hold, Tue 14:00 back in progress; Wed 11:00 resolved.
    const timeline = ticket()
      .open('2026-11-23 16:00')
      .then('2026-11-23 16:30', { state: 'in_progress' })
      .then('2026-11-24 10:00', { state: 'on_hold' })
      .then('2026-11-24 14:00', { state: 'in_progress' })
      .then('2026-11-25 11:00', { state: 'resolved' })
      .build();
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-25 11:00')), P2.id);
    expect(lifecycleEmissions(clock).map(readable)).toEqual([
      // 8 h from Mon 16:00: Mon 16-17 (1 h) + Tue 09-16 (7 h).
      { key: 'sla-p2-resolution#1:started', kind: 'started', at: '2026-11-23T15:00:00.000Z', dueAt: '2026-11-24T15:00:00.000Z' },
      // Mon 16-17 + Tue 09-10 = 2 h used; the suspended due instant is still Tue 16:00.
      { key: 'sla-p2-resolution#1:paused:1', kind: 'paused', at: '2026-11-24T09:00:00.000Z', dueAt: '2026-11-24T15:00:00.000Z', elapsedMs: 2 * HOUR },
      // 6 h left from Tue 14:00: Tue 14-17 (3 h) + Wed 09-12 (3 h).
      { key: 'sla-p2-resolution#1:rescheduled:1', kind: 'rescheduled', at: '2026-11-24T13:00:00.000Z', dueAt: '2026-11-25T11:00:00.000Z', elapsedMs: 2 * HOUR },
      // 2 h + Tue 14-17 (3 h) + Wed 09-11 (2 h) = 7 h; paused Tue 10-14 (4 business hours).
      { key: 'sla-p2-resolution#1:stopped:1', kind: 'stopped', at: '2026-11-25T10:00:00.000Z', dueAt: '2026-11-25T11:00:00.000Z', elapsedMs: 7 * HOUR, pausedMs: 4 * HOUR, outcome: 'met' },
    ]);
    expect(clock.stage).toBe('achieved');
  });

  it('resolved after its due instant: stopped breached, elapsed across the night', () => {
    // Mon 09:00 opened, Tue 10:00 resolved: Mon 09-17 (8 h) + Tue 09-10 (1 h) = 9 h; due Mon 17:00.
    const timeline = ticket().open('2026-11-23 09:00').then('2026-11-24 10:00', { state: 'resolved' }).build();
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-24 10:00')), P2.id);
    expect(lifecycleEmissions(clock).map(readable).at(-1)).toEqual({
      key: 'sla-p2-resolution#1:stopped:1',
      kind: 'stopped',
      at: '2026-11-24T09:00:00.000Z',
      dueAt: '2026-11-23T16:00:00.000Z',
      elapsedMs: 9 * HOUR,
      pausedMs: 0,
      outcome: 'breached',
    });
    expect(clock.stage).toBe('breached');
  });

  it('stopped exactly at its due instant counts as breached, as the breach threshold (reached then) and the stage say', () => {
    const timeline = ticket().open('2026-11-23 09:00').then('2026-11-23 17:00', { state: 'resolved' }).build();
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-23 17:00')), P2.id);
    expect(clock.stage).toBe('breached');
    expect(lifecycleEmissions(clock).at(-1)?.change).toMatchObject({ kind: 'stopped', elapsedMs: 8 * HOUR, outcome: 'breached' });
  });

  it('a canceled ticket cancels its running clock: canceled with its reason, never stopped', () => {
    const timeline = ticket().open('2026-11-23 09:00').then('2026-11-23 11:00', { state: 'canceled' }).build();
    const clock = onlyClock(derive(timeline, [P2], local('2026-11-23 11:00')), P2.id);
    expect(lifecycleEmissions(clock).map(readable)).toEqual([
      { key: 'sla-p2-resolution#1:started', kind: 'started', at: '2026-11-23T08:00:00.000Z', dueAt: '2026-11-23T16:00:00.000Z' },
      { key: 'sla-p2-resolution#1:canceled', kind: 'canceled', at: '2026-11-23T10:00:00.000Z', dueAt: '2026-11-23T16:00:00.000Z', elapsedMs: 2 * HOUR, reason: 'ticket_canceled' },
    ]);
  });

  it('a stopped clock keeps its outcome when the ticket is canceled afterwards (no cancellation)', () => {
    const timeline = ticket().open('2026-11-23 09:00').then('2026-11-23 10:00', { state: 'resolved' }).then('2026-11-23 12:00', { state: 'canceled' }).build();
    const kinds = lifecycleEmissions(onlyClock(derive(timeline, [P2], local('2026-11-23 12:00')), P2.id)).map((e) => e.change.kind);
    expect(kinds).toEqual(['started', 'stopped']);
  });
});

describe('unwrittenLifecycle', () => {
  it('projected event by event, each change is written once, in order; a reopened clock reschedules and stops again', () => {
    // Mon 09:00 opened, 10:00 resolved (1 h: met), 15:00 reopened, Tue 15:00 resolved again.
    const timeline = ticket()
      .open('2026-11-23 09:00')
      .then('2026-11-23 10:00', { state: 'resolved' })
      .then('2026-11-23 15:00', { state: 'in_progress' })
      .then('2026-11-24 15:00', { state: 'resolved' })
      .build();
    expect(writtenEventByEvent(timeline).map((e) => [e['key'], e['outcome'] ?? null, e['elapsedMs'] ?? null, e['dueAt']])).toEqual([
      ['sla-p2-resolution#1:started', null, null, '2026-11-23T16:00:00.000Z'],
      ['sla-p2-resolution#1:stopped:1', 'met', 1 * HOUR, '2026-11-23T16:00:00.000Z'],
      // 7 h left from Mon 15:00: Mon 15-17 (2 h) + Tue 09-14 (5 h).
      ['sla-p2-resolution#1:rescheduled:1', null, 1 * HOUR, '2026-11-24T13:00:00.000Z'],
      // 1 h + Mon 15-17 (2 h) + Tue 09-15 (6 h) = 9 h, due Tue 14:00.
      ['sla-p2-resolution#1:stopped:2', 'breached', 9 * HOUR, '2026-11-24T13:00:00.000Z'],
    ]);
  });

  it('the same history derived again owes nothing written; a redelivered ticket event adds no fact and so nothing', () => {
    const timeline = ticket().open('2026-11-23 09:00').then('2026-11-23 10:00', { state: 'resolved' }).build();
    const clocks = derive(timeline, [P2], local('2026-11-23 10:00'));
    const written = new Set(unwrittenLifecycle(clocks, new Set()).map((e) => e.key));
    expect(written.size).toBe(2);
    expect(unwrittenLifecycle(derive(timeline, [P2], local('2026-11-23 10:00')), written)).toEqual([]);
  });

  it('a reprioritised ticket cancels the clock that no longer applies and starts the new one from the ticket start', () => {
    const timeline = ticket().open('2026-11-23 09:00', { priority: 3 }).then('2026-11-23 11:30', { priority: 1 }).build();
    expect(writtenEventByEvent(timeline, [P3, P1]).map((e) => [e['key'], e['at'], e['dueAt'], e['reason'] ?? null, e['elapsedMs'] ?? null])).toEqual([
      // 24 business hours from Mon 09:00: Mon, Tue, Wed 09-17.
      ['sla-p3-resolution#1:started', '2026-11-23T08:00:00.000Z', '2026-11-25T16:00:00.000Z', null, null],
      // Retroactive: P1 counts from the ticket's start (4 h: due Mon 13:00), written when it attached.
      ['sla-p1-resolution#1:started', '2026-11-23T08:00:00.000Z', '2026-11-23T12:00:00.000Z', null, null],
      ['sla-p3-resolution#1:canceled', '2026-11-23T10:30:00.000Z', '2026-11-25T16:00:00.000Z', 'no_longer_applies', 2.5 * HOUR],
    ]);
  });

  it('orders changes of one instant: started before stopped', () => {
    const clock = { clockId: 'c#1', startedAt: 5, originalBreachAt: 9, cancelReason: null, stage: 'achieved' } as Partial<SlaClock>;
    const changes = { pauses: 0, lastPause: null, resumes: 0, lastResume: null, stops: 1, lastStop: { at: 5, elapsedMs: 0, dueAt: 9, pausedMs: 0 }, cancel: null };
    expect(unwrittenLifecycle([{ ...clock, changes } as SlaClock], new Set()).map((e) => e.key)).toEqual(['c#1:started', 'c#1:stopped:1']);
  });
});

describe('vanishedClocks', () => {
  it('cancels a live clock the policies no longer derive (no_longer_applies), keeps a finished one, never twice', () => {
    const running = ticket().open('2026-11-23 09:00').then('2026-11-23 11:00', { state: 'in_progress' }).build();
    const live = derive(running, [P2], local('2026-11-23 11:00'));
    const started = new Set(['sla-p2-resolution#1:started']);
    const at = local('2026-11-23 12:00');
    expect(vanishedClocks(live, [], started, at).map(readable)).toEqual([
      { key: 'sla-p2-resolution#1:canceled', kind: 'canceled', at: '2026-11-23T11:00:00.000Z', dueAt: '2026-11-23T16:00:00.000Z', elapsedMs: 2 * HOUR, reason: 'no_longer_applies' },
    ]);
    expect(vanishedClocks(live, live, started, at)).toEqual([]);
    expect(vanishedClocks(live, [], new Set([...started, 'sla-p2-resolution#1:canceled']), at)).toEqual([]);
    const resolved = derive(ticket().open('2026-11-23 09:00').then('2026-11-23 11:00', { state: 'resolved' }).build(), [P2], local('2026-11-23 11:00'));
    expect(vanishedClocks(resolved, [], started, at)).toEqual([]);
  });
});
