import { dueEmissions, emissionKey } from './clock-emissions';
import type { DueEmission } from './clock-emissions';
import { HOUR, RESPONSE_CONDITIONS, definition, derive, iso, local, ticket } from './test-fixtures/clock-fixtures';

const P1 = definition({ id: 'sla-p1-resolution', name: 'P1 resolution', targetMs: 4 * HOUR, appliesTo: { priorities: [1] } });
const P3 = definition({ id: 'sla-p3-resolution', name: 'P3 resolution', targetMs: 24 * HOUR, appliesTo: { priorities: [3] } });

const readable = (due: readonly DueEmission[]): [string, number, string | null][] => due.map((d) => [d.key, d.percent, iso(d.dueAt)]);

describe('emissionKey', () => {
  it('is <emission scope>:<percent>, stable across replays', () => {
    expect(emissionKey('uc-supplier@2~0', 75)).toBe('uc-supplier@2~0:75');
    expect(emissionKey('sla-p1-resolution~1', 100)).toBe('sla-p1-resolution~1:100');
  });
});

describe('dueEmissions', () => {
  // P3 opened Monday 09:00 Berlin, P1 from 11:30: P1's 50 % (2 h) was reached at 11:00 local, before it applied.
  const reprioritised = ticket().open('2026-11-23 09:00', { priority: 3 }).then('2026-11-23 11:30', { priority: 1 }).build();
  const asOf = local('2026-11-23 11:45');
  const clocks = derive(reprioritised, [P3, P1], asOf);

  it('owes a retroactively reached threshold at its historic reachedAt (already past), then the projected ones, earliest first', () => {
    const due = dueEmissions(clocks, new Set());
    expect(readable(due)).toEqual([
      ['sla-p1-resolution~0:50', 50, '2026-11-23T10:00:00.000Z'],
      ['sla-p1-resolution~0:75', 75, '2026-11-23T11:00:00.000Z'],
      ['sla-p1-resolution~0:100', 100, '2026-11-23T12:00:00.000Z'],
    ]);
    expect(due[0]?.dueAt).toBeLessThan(asOf);
    expect(due.every((d) => d.clockId === 'sla-p1-resolution#1')).toBe(true);
  });

  it('leaves out the keys already fired', () => {
    expect(readable(dueEmissions(clocks, new Set(['sla-p1-resolution~0:50', 'sla-p1-resolution~0:100'])))).toEqual([
      ['sla-p1-resolution~0:75', 75, '2026-11-23T11:00:00.000Z'],
    ]);
    expect(dueEmissions(clocks, new Set(['sla-p1-resolution~0:50', 'sla-p1-resolution~0:75', 'sla-p1-resolution~0:100']))).toEqual([]);
  });

  it('a cancelled clock owes nothing, not even the thresholds it reached before it was cancelled (reset)', () => {
    const resettable = definition({ conditions: { reset: ['new'] } });
    const timeline = ticket()
      .open('2026-11-23 09:00')
      .then('2026-11-23 09:30', { state: 'in_progress' })
      .then('2026-11-23 14:00', { state: 'new' })
      .build();
    const [first, second] = derive(timeline, [resettable], local('2026-11-23 14:30'));
    expect(first).toMatchObject({ stage: 'cancelled', cancelReason: 'reset' });
    expect(iso(first?.thresholds[0]?.reachedAt ?? null)).toBe('2026-11-23T12:00:00.000Z');
    expect(readable(dueEmissions([first!, second!], new Set()))).toEqual([
      ['sla-p2-resolution~1:50', 50, '2026-11-24T09:00:00.000Z'],
      ['sla-p2-resolution~1:75', 75, '2026-11-24T11:00:00.000Z'],
      ['sla-p2-resolution~1:100', 100, '2026-11-24T13:00:00.000Z'],
    ]);
  });

  it('a paused clock owes what it reached, nothing projected; a stopped one only what it reached', () => {
    const timeline = ticket()
      .open('2026-11-23 09:00')
      .then('2026-11-23 13:30', { state: 'on_hold' })
      .build();
    const paused = derive(timeline, [definition()], local('2026-11-23 15:00'));
    expect(paused[0]?.stage).toBe('paused');
    expect(readable(dueEmissions(paused, new Set()))).toEqual([['sla-p2-resolution~0:50', 50, '2026-11-23T12:00:00.000Z']]);

    const response = definition({ id: 'sla-response', target: 'response', targetMs: HOUR, conditions: RESPONSE_CONDITIONS });
    const owned = ticket().open('2026-11-23 09:00').then('2026-11-23 09:50', { state: 'in_progress' }).build();
    const stopped = derive(owned, [response], local('2026-11-23 15:00'));
    expect(stopped[0]?.stage).toBe('achieved');
    expect(readable(dueEmissions(stopped, new Set()))).toEqual([
      ['sla-response~0:50', 50, '2026-11-23T08:30:00.000Z'],
      ['sla-response~0:75', 75, '2026-11-23T08:45:00.000Z'],
    ]);
  });

  it('sorts across clocks by instant, then by key for the same instant', () => {
    const b = definition({ id: 'sla-b', warningThresholds: [50] });
    const a = definition({ id: 'sla-a', warningThresholds: [50] });
    const response = definition({ id: 'sla-response', target: 'response', targetMs: 3 * HOUR, conditions: RESPONSE_CONDITIONS });
    const timeline = ticket().open('2026-11-23 09:00').build();
    expect(readable(dueEmissions(derive(timeline, [b, response, a], local('2026-11-23 09:00')), new Set()))).toEqual([
      ['sla-response~0:50', 50, '2026-11-23T09:30:00.000Z'],
      ['sla-response~0:75', 75, '2026-11-23T10:15:00.000Z'],
      ['sla-response~0:100', 100, '2026-11-23T11:00:00.000Z'],
      ['sla-a~0:50', 50, '2026-11-23T12:00:00.000Z'],
      ['sla-b~0:50', 50, '2026-11-23T12:00:00.000Z'],
      ['sla-a~0:100', 100, '2026-11-23T16:00:00.000Z'],
      ['sla-b~0:100', 100, '2026-11-23T16:00:00.000Z'],
    ]);
  });

  it('owes nothing for no clocks', () => {
    expect(dueEmissions([], new Set())).toEqual([]);
  });
});
