import type { SlaClock } from './derive-clocks';
import { diffClocks } from './dry-run';
import type { ClockChange } from './dry-run';
import { HOUR, RESPONSE_CONDITIONS, definition, derive, iso, local, ticket } from './test-fixtures/clock-fixtures';

const P1 = definition({ id: 'sla-p1-resolution', name: 'P1 resolution', targetMs: 4 * HOUR, appliesTo: { priorities: [1] } });
const P2 = definition({ id: 'sla-p2-resolution', name: 'P2 resolution', targetMs: 8 * HOUR, appliesTo: { priorities: [2] } });
const RESPONSE = definition({ id: 'sla-response', name: 'Response', target: 'response', targetMs: HOUR, conditions: RESPONSE_CONDITIONS });
const OLA = definition({ id: 'ola-group', name: 'Group OLA', kind: 'OLA', scope: 'group_segment', targetMs: 2 * HOUR });

const summary = (changes: readonly ClockChange[]): [string, string, string, string | null, string | null][] =>
  changes.map((c) => [c.change, c.clockId, c.definitionId, iso(c.before?.breachAt ?? null), iso(c.after?.breachAt ?? null)]);

describe('diffClocks (dry run of proposed definitions on an open ticket)', () => {
  // P2 opened Monday 09:00 Berlin, still new at 09:30.
  const timeline = ticket().open('2026-11-23 09:00', { priority: 2 }).build();
  const asOf = local('2026-11-23 09:30');
  const current = derive(timeline, [P2, RESPONSE], asOf);

  it('reports nothing when the proposal derives the same clocks', () => {
    expect(diffClocks('inc-1', 'INC0000001', current, derive(timeline, [P2, RESPONSE], asOf))).toEqual([]);
  });

  it('attached, changed and detached clocks, with both sides and the ticket named', () => {
    const proposal = [{ ...P2, targetMs: 6 * HOUR }, { ...RESPONSE, active: false }, OLA];
    const changes = diffClocks('inc-1', 'INC0000001', current, derive(timeline, proposal, asOf));
    expect(summary(changes)).toEqual([
      ['changed', 'sla-p2-resolution#1', 'sla-p2-resolution', '2026-11-23T16:00:00.000Z', '2026-11-23T14:00:00.000Z'],
      ['attached', 'ola-group@1#1', 'ola-group', null, '2026-11-23T10:00:00.000Z'],
      ['detached', 'sla-response#1', 'sla-response', '2026-11-23T09:00:00.000Z', null],
    ]);
    for (const change of changes) expect([change.ticketId, change.number]).toEqual(['inc-1', 'INC0000001']);
    const [changed, attached, detached] = changes as [ClockChange, ClockChange, ClockChange];
    expect([changed.before?.targetMs, changed.after?.targetMs]).toEqual([8 * HOUR, 6 * HOUR]);
    expect(attached.before).toBeNull();
    expect(detached.after).toBeNull();
  });

  it('a definition whose priority filter no longer matches detaches its clock', () => {
    const changes = diffClocks('inc-1', 'INC0000001', current, derive(timeline, [{ ...P2, appliesTo: { ...P2.appliesTo, priorities: [1] } }, RESPONSE], asOf));
    expect(summary(changes)).toEqual([['detached', 'sla-p2-resolution#1', 'sla-p2-resolution', '2026-11-23T16:00:00.000Z', null]]);
  });

  it('a change of calendar zone alone is a change', () => {
    const changes = diffClocks('inc-1', 'INC0000001', current, derive(timeline, [{ ...P2, timeZone: 'America/New_York' }, RESPONSE], asOf));
    expect(summary(changes)).toEqual([['changed', 'sla-p2-resolution#1', 'sla-p2-resolution', '2026-11-23T16:00:00.000Z', '2026-11-23T22:00:00.000Z']]);
    expect(changes[0]?.after?.timeZone).toBe('America/New_York');
  });

  it('compares stage: a proposal that turns a running clock breached is a change', () => {
    const late = local('2026-11-23 10:30');
    const changes = diffClocks('inc-1', 'INC0000001', derive(timeline, [RESPONSE], late), derive(timeline, [{ ...RESPONSE, targetMs: 2 * HOUR }], late));
    expect(changes.map((c) => [c.change, c.before?.stage, c.after?.stage])).toEqual([['changed', 'breached', 'in_progress']]);
  });

  it('cancelled clocks are history, not live clocks: ignored on both sides', () => {
    const reprioritised = ticket().open('2026-11-23 09:00', { priority: 2 }).then('2026-11-23 09:15', { priority: 1 }).build();
    const before = derive(reprioritised, [P2, P1], asOf);
    expect(before.map((c) => [c.clockId, c.stage])).toEqual([
      ['sla-p2-resolution#1', 'cancelled'],
      ['sla-p1-resolution#1', 'in_progress'],
    ]);
    const after = derive(reprioritised, [{ ...P2, targetMs: 10 * HOUR }, P1], asOf);
    expect(diffClocks('inc-1', 'INC0000001', before, after)).toEqual([]);
    const cancelledOnly: SlaClock[] = before.filter((c) => c.stage === 'cancelled');
    expect(diffClocks('inc-1', 'INC0000001', cancelledOnly, [])).toEqual([]);
  });
});
