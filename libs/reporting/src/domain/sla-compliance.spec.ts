import { CLOCK_B, CLOCK_F, HOUR, MIN, slaHistory, STATUS_NOW } from '../test-fixtures/sla-history';
import { periodBuckets } from './periods';
import { clockKeyOf, evolveSlaClockFact } from './sla-clock-fact';
import type { SlaClockFact, SlaEvent } from './sla-clock-fact';
import { complianceDayOf, rollSlaDay, slaComplianceRows } from './sla-compliance';
import type { SlaDay, SlaDimension, SlaFilter } from './sla-compliance';
import { slaStatus } from './sla-status';
import type { PeriodGrain } from './periods';

/** The facts the events fold into, per clock. */
function facts(events: readonly SlaEvent[]): Map<string, SlaClockFact> {
  const out = new Map<string, SlaClockFact>();
  for (const event of events) out.set(clockKeyOf(event), evolveSlaClockFact(out.get(clockKeyOf(event)), event));
  return out;
}

/** The compliance days of the facts, each with its slots (what a rebuild from the topic makes). */
function days(all: Iterable<SlaClockFact>): SlaDay[] {
  const list = [...all];
  const stopDays = [...new Set(list.map(complianceDayOf).filter((d): d is number => d !== null))];
  return stopDays.map((day) => rollSlaDay(day, list));
}

const report = (all: Iterable<SlaClockFact>, from: string, to: string, timeZone: string, grain: PeriodGrain, groupBy: SlaDimension | null = null, filter: SlaFilter = {}) =>
  slaComplianceRows(days(all), periodBuckets({ from, to, timeZone, grain }), groupBy, filter).map((r) => ({ period: r.period, group: r.group, met: r.met, breached: r.breached, compliance: r.compliance, meanBusinessMs: r.meanBusinessMs, meanElapsedMs: r.meanElapsedMs }));

describe('SLA clock facts', () => {
  it('keeps a reopened clock at its latest stop, a canceled one canceled, a paused one with its paused time', () => {
    const all = facts(slaHistory());
    const b = all.get(`incident:b:${CLOCK_B.clockId}`);
    expect(b).toMatchObject({ state: 'stopped', stoppedAt: Date.parse('2026-03-02T23:30:00.000Z'), outcome: 'breached', elapsedMs: 7.5 * HOUR, lifecycleSequence: 4, alertSequence: 1 });
    expect(all.get('incident:c:p2-resolution#1')).toMatchObject({ state: 'canceled', stoppedAt: null, outcome: null, elapsedMs: HOUR });
    expect(all.get('incident:d:uc-northwind#1')).toMatchObject({ state: 'stopped', outcome: 'met', elapsedMs: 4 * HOUR, pausedMs: 2 * HOUR, segmentOrgId: 'northwind' });
    expect(all.get('incident:g:p2-resolution#1')).toMatchObject({ state: 'paused', elapsedMs: 2.5 * HOUR, warningPercent: 50 });
  });

  it('changes nothing for a redelivered, replayed or stale event', () => {
    const events = slaHistory();
    const once = facts(events);
    // Everything again, then B's first stop (lifecycle sequence 2, below its latest 4) late.
    const again = facts([...events, ...events, events[3] as SlaEvent]);
    expect(again).toEqual(once);
    const b = once.get(`incident:b:${CLOCK_B.clockId}`) as SlaClockFact;
    expect(evolveSlaClockFact(b, events[3] as SlaEvent)).toBe(b);
  });
});

describe('SLA compliance', () => {
  const list = [...facts(slaHistory()).values()];

  it('counts each stopped clock once at its latest stop (March, UTC, whole month)', () => {
    // Stopped: A met (2 h), B breached (7.5 h, its latest stop), D met (4 h used + 2 h paused = 6 h), H breached (10 h); C canceled: nowhere.
    expect(report(list, '2026-03-01', '2026-04-01', 'UTC', 'month')).toEqual([
      { period: '2026-03', group: null, met: 2, breached: 2, compliance: 2 / (2 + 2), meanBusinessMs: ((2 + 7.5 + 6 + 10) * HOUR) / 4, meanElapsedMs: ((2 + 7.5 + 4 + 10) * HOUR) / 4 },
    ]);
  });

  it('puts a stop in the local day of the zone asked (B at 23:30Z is 03-03 00:30 in Zurich)', () => {
    expect(report(list, '2026-03-02', '2026-03-04', 'UTC', 'day').map((r) => [r.period, r.met, r.breached])).toEqual([['2026-03-02', 2, 2]]);
    expect(report(list, '2026-03-02', '2026-03-04', 'Europe/Zurich', 'day')).toEqual([
      // A (2 h), D (6 h business, 4 h elapsed), H (10 h).
      { period: '2026-03-02', group: null, met: 2, breached: 1, compliance: 2 / 3, meanBusinessMs: ((2 + 6 + 10) * HOUR) / 3, meanElapsedMs: ((2 + 4 + 10) * HOUR) / 3 },
      { period: '2026-03-03', group: null, met: 0, breached: 1, compliance: 0, meanBusinessMs: 7.5 * HOUR, meanElapsedMs: 7.5 * HOUR },
    ]);
  });

  it('groups by kind and filters on a supplier organisation', () => {
    expect(report(list, '2026-03-01', '2026-04-01', 'UTC', 'whole', 'kind')).toEqual([
      // SLA: A met 2 h, B breached 7.5 h. UC: D met 6 h (4 h elapsed), H breached 10 h.
      { period: '2026-03-01/2026-04-01', group: 'SLA', met: 1, breached: 1, compliance: 0.5, meanBusinessMs: ((2 + 7.5) * HOUR) / 2, meanElapsedMs: ((2 + 7.5) * HOUR) / 2 },
      { period: '2026-03-01/2026-04-01', group: 'UC', met: 1, breached: 1, compliance: 0.5, meanBusinessMs: ((6 + 10) * HOUR) / 2, meanElapsedMs: ((4 + 10) * HOUR) / 2 },
    ]);
    expect(report(list, '2026-03-01', '2026-04-01', 'UTC', 'month', 'supplier', { kind: 'UC', supplierOrgId: 'northwind' })).toEqual([
      { period: '2026-03', group: 'northwind', met: 1, breached: 0, compliance: 1, meanBusinessMs: 6 * HOUR, meanElapsedMs: 4 * HOUR },
    ]);
    expect(report(list, '2026-03-01', '2026-04-01', 'UTC', 'month', null, { ticketType: 'request' })).toEqual([]);
  });

  it('reads a day inside one period by its totals alone', () => {
    const totalsOnly = days(list).map((d) => ({ day: d.day, cells: d.cells.map(({ slots: _slots, ...cell }) => cell) }));
    const rows = slaComplianceRows(totalsOnly, periodBuckets({ from: '2026-03-01', to: '2026-04-01', timeZone: 'UTC', grain: 'month' }), null, {});
    expect(rows.map((r) => [r.met, r.breached])).toEqual([[2, 2]]);
  });
});

describe('SLA status now', () => {
  it('lists the breached then the at-risk live clocks, most urgent first, with their time to breach', () => {
    const status = slaStatus(facts(slaHistory()).values(), STATUS_NOW, 10);
    // F: running, due 10:00Z, now 11:30Z: breached, 10:00 - 11:30 = -90 min. E: warned at 75 %, due 12:00Z: 30 min. G: paused at 2.5 h of 4 h, warned 50 %: neither.
    expect(status.clocks.map((c) => [c.fact.ticketId, c.breached, c.atRisk, c.timeToBreachMs])).toEqual([
      [CLOCK_F.ticketId, true, false, -90 * MIN],
      ['e', false, true, 30 * MIN],
    ]);
    expect(status.perDefinition).toEqual([
      { definitionId: 'p2-resolution', definitionName: 'Definition p2-resolution', breached: 0, atRisk: 1 },
      { definitionId: 'uc-northwind', definitionName: 'Definition uc-northwind', breached: 1, atRisk: 0 },
    ]);
    // The limit cuts the list, not the counts.
    const one = slaStatus(facts(slaHistory()).values(), STATUS_NOW, 1);
    expect([one.clocks.length, one.perDefinition.length]).toEqual([1, 2]);
  });

  it('counts a paused clock that used its whole target as breached, with no time to breach', () => {
    const g = [...facts(slaHistory()).values()].find((f) => f.ticketId === 'g') as SlaClockFact;
    const over = { ...g, elapsedMs: 4 * HOUR };
    expect(slaStatus([over], STATUS_NOW, 10).clocks.map((c) => [c.breached, c.timeToBreachMs])).toEqual([[true, null]]);
  });

  it('counts a paused clock past 75 % of its target at risk without a warning (its elapsed time stands still)', () => {
    const g = { ...([...facts(slaHistory()).values()].find((f) => f.ticketId === 'g') as SlaClockFact), warningPercent: null };
    const at = (elapsedMs: number) => slaStatus([{ ...g, elapsedMs }], STATUS_NOW, 10).clocks.map((c) => [c.breached, c.atRisk]);
    expect([at(0.74 * g.targetMs), at(0.75 * g.targetMs), at(g.targetMs)]).toEqual([[], [[false, true]], [[true, false]]]);
  });
});
