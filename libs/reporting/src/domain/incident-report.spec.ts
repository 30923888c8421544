import { evolveIncidentFact } from './incident-fact';
import type { IncidentEvent, IncidentFact } from './incident-fact';
import { incidentReportRows } from './incident-report';
import { incidentContributions } from './measures';
import type { Dimension } from './measures';
import { periodBuckets } from './periods';
import type { PeriodSpec } from './periods';
import { dayOf, rollDay, selectRollups, slotDays, sumRollups } from './rollups';
import type { DayRollup } from './rollups';
import { HOUR, incidentHistory as history, MIN } from '../test-fixtures/incident-history';

function fold(events: readonly IncidentEvent[]): Map<string, IncidentFact> {
  const facts = new Map<string, IncidentFact>();
  for (const event of events) {
    const next = evolveIncidentFact(facts.get(event.subject), event);
    if (next !== undefined) facts.set(event.subject, next);
  }
  return facts;
}

function rollups(facts: Iterable<IncidentFact>): DayRollup[] {
  const contributions = [...facts].flatMap(incidentContributions);
  return [...new Set(contributions.map((c) => dayOf(c.at)))].flatMap((day) => rollDay(day, contributions));
}

function report(all: readonly DayRollup[], spec: PeriodSpec, groupBy: Dimension | null, filter: { dimension: Dimension; value: string } | null = null) {
  const selection = selectRollups(groupBy, filter);
  const chosen = all.filter((r) => r.family === selection.family && (selection.a === undefined || r.a === selection.a) && (selection.b === undefined || r.b === selection.b));
  return incidentReportRows(sumRollups(chosen, periodBuckets(spec), selection.groupField));
}

describe('incident facts and reports', () => {
  const facts = fold(history());
  const all = rollups(facts.values());

  it('folds each incident from its events: acknowledgement, resolution, reopen, group changes and the organisations that held it', () => {
    expect(facts.get('b')).toMatchObject({
      openedAt: Date.parse('2026-03-02T10:00:00Z'),
      acknowledgedAt: Date.parse('2026-03-02T10:45:00Z'),
      firstResolvedAt: Date.parse('2026-03-02T14:00:00Z'),
      resolvedAt: Date.parse('2026-03-02T16:00:00Z'),
      reopenCount: 1,
      assignments: [
        { groupId: 'service-desk', orgId: 'contoso', from: Date.parse('2026-03-02T10:00:00Z') },
        { groupId: 'network', orgId: 'northwind', from: Date.parse('2026-03-02T10:15:00Z') },
      ],
    });
    expect(facts.get('c')).toMatchObject({ state: 'canceled', resolvedAt: null, canceledAt: Date.parse('2026-03-03T00:10:00Z') });
  });

  it('changes nothing for a redelivered or replayed event, and ignores an incident whose opening it never saw', () => {
    const events = history();
    expect(fold([...events, ...events.slice(2, 6), ...events])).toEqual(facts);
    expect(evolveIncidentFact(undefined, events[2] as IncidentEvent)).toBeUndefined();
  });

  it('answers the hand-computed MTTA, MTTR (to the first resolution), reopen, first-time-fix and hold figures of a UTC day, by priority', () => {
    const rows = report(all, { from: '2026-03-02', to: '2026-03-03', timeZone: 'UTC', grain: 'day' }, 'priority');
    expect(rows).toEqual([
      expect.objectContaining({ period: '2026-03-02', group: '1', opened: 1, resolved: 0, canceled: 0, mttrMs: null }),
      expect.objectContaining({
        period: '2026-03-02',
        group: '2',
        opened: 2,
        acknowledged: 2,
        mttaMs: 37.5 * MIN,
        resolved: 2,
        mttrMs: 3 * HOUR,
        reopened: 1,
        reopenRate: 0.5,
        firstTimeFix: 1,
        firstTimeFixRate: 0.5,
        // A with contoso 2 h, B with contoso 15 min and with Northwind 5 h 45 min (to its last resolution).
        holdsEnded: 3,
        meanHoldMs: (8 * HOUR) / 3,
      }),
    ]);
  });

  it("cuts periods at the zone's midnight: Kolkata's 2 March (+05:30) ends before C opened, New York's (-05:00) holds its opening and cancellation", () => {
    const kolkata = report(all, { from: '2026-03-02', to: '2026-03-03', timeZone: 'Asia/Kolkata', grain: 'day' }, null);
    expect(kolkata).toEqual([expect.objectContaining({ opened: 2, canceled: 0, resolved: 2 })]);
    const newYork = report(all, { from: '2026-03-02', to: '2026-03-03', timeZone: 'America/New_York', grain: 'day' }, null);
    expect(newYork).toEqual([expect.objectContaining({ opened: 3, canceled: 1, resolved: 2, periodStart: Date.parse('2026-03-02T05:00:00Z') })]);
  });

  it('counts each measure for the organisation that had the incident at its instant: opened by contoso, resolved by Northwind', () => {
    const month = { from: '2026-03-01', to: '2026-04-01', timeZone: 'Europe/Zurich', grain: 'month' } as const;
    expect(report(all, month, 'supplier').map((r) => [r.group, r.opened, r.acknowledged, r.resolved, r.handedOver, r.mttrMs, r.meanHoldMs])).toEqual([
      ['', 1, 0, 0, 0, null, null],
      ['contoso', 2, 1, 1, 1, 2 * HOUR, (2 * HOUR + 15 * MIN) / 2],
      ['northwind', 0, 1, 1, 0, 4 * HOUR, 5.75 * HOUR],
    ]);
    expect(report(all, month, 'group', { dimension: 'supplier', value: 'northwind' }).map((r) => [r.period, r.group, r.resolved, r.reopened])).toEqual([['2026-03', 'network', 1, 1]]);
    expect(report(all, month, 'supplier', { dimension: 'group', value: 'network' }).map((r) => [r.group, r.resolved, r.handedOver])).toEqual([['northwind', 1, 0]]);
    expect(report(all, month, 'supplier', { dimension: 'group', value: 'service-desk' }).map((r) => [r.group, r.handedOver])).toEqual([['contoso', 1]]);
  });

  it('needs slots only on the UTC days a period boundary cuts: the others are answered from their day totals', () => {
    const month = { from: '2026-03-01', to: '2026-04-01', timeZone: 'Europe/Zurich', grain: 'month' } as const;
    // Zurich's March: 28 Feb 23:00Z (+01:00) to 31 Mar 22:00Z (+02:00 after the 29th): those two UTC days are cut.
    expect(slotDays(periodBuckets(month))).toEqual([dayOf(Date.parse('2026-02-28T00:00:00Z')), dayOf(Date.parse('2026-03-31T00:00:00Z'))]);
    expect(slotDays(periodBuckets({ from: '2026-03-01', to: '2026-03-08', timeZone: 'UTC', grain: 'day' }))).toEqual([]);
    // Every rollup of the history is on 2 or 3 March: whole days of the month, summed from totals alone (slots dropped).
    const totalsOnly = all.map((r) => ({ ...r, slots: {} }));
    expect(report(totalsOnly, month, 'supplier').map((r) => [r.group, r.opened, r.resolved, r.mttrMs])).toEqual([
      ['', 1, 0, null],
      ['contoso', 2, 1, 2 * HOUR],
      ['northwind', 0, 1, 4 * HOUR],
    ]);
    // Kolkata's 2 March (1 Mar 18:30Z to 2 Mar 18:30Z) cuts both UTC days it touches: totals alone answer nothing (with the slots: 2 openings, above).
    expect(slotDays(periodBuckets({ from: '2026-03-02', to: '2026-03-03', timeZone: 'Asia/Kolkata', grain: 'day' }))).toEqual([dayOf(Date.parse('2026-03-01T00:00:00Z')), dayOf(Date.parse('2026-03-02T00:00:00Z'))]);
    expect(report(totalsOnly, { from: '2026-03-02', to: '2026-03-03', timeZone: 'Asia/Kolkata', grain: 'day' }, null)).toEqual([]);
  });
});

describe('periodBuckets', () => {
  it('splits by ISO week and month at local midnight, a daylight-saving day 23 hours long', () => {
    const weeks = periodBuckets({ from: '2026-03-25', to: '2026-04-08', timeZone: 'Europe/Berlin', grain: 'week' });
    expect(weeks.map((w) => w.label)).toEqual(['2026-W13', '2026-W14', '2026-W15']);
    expect(weeks[0]?.start).toBe(Date.parse('2026-03-24T23:00:00Z'));
    // Monday 30 March 00:00 CEST (+02:00): the clocks went forward on the 29th.
    expect(weeks[1]?.start).toBe(Date.parse('2026-03-29T22:00:00Z'));
    const days = periodBuckets({ from: '2026-03-29', to: '2026-03-30', timeZone: 'Europe/Berlin', grain: 'day' });
    expect((days[0]?.end ?? 0) - (days[0]?.start ?? 0)).toBe(23 * HOUR);
    expect(periodBuckets({ from: '2026-01-15', to: '2026-03-01', timeZone: 'UTC', grain: 'month' }).map((m) => m.label)).toEqual(['2026-01', '2026-02']);
  });

  it('refuses an unknown zone, a malformed or empty range, and too long a range', () => {
    const code = (spec: PeriodSpec): unknown => {
      try {
        periodBuckets(spec);
        return null;
      } catch (error) {
        return [(error as { code: string }).code, (error as { details: { field: string } }).details.field];
      }
    };
    expect(code({ from: '2026-01-01', to: '2026-02-01', timeZone: 'Mars/Olympus', grain: 'day' })).toEqual(['REPORTING.INVALID_PERIOD', 'timeZone']);
    expect(code({ from: '2026-13-01', to: '2026-02-01', timeZone: 'UTC', grain: 'day' })).toEqual(['REPORTING.INVALID_PERIOD', 'from']);
    expect(code({ from: '2026-02-01', to: '2026-02-01', timeZone: 'UTC', grain: 'day' })).toEqual(['REPORTING.INVALID_PERIOD', 'to']);
    expect(code({ from: '2020-01-01', to: '2026-01-01', timeZone: 'UTC', grain: 'month' })).toEqual(['REPORTING.INVALID_PERIOD', 'to']);
    expect(code({ from: '2025-01-01', to: '2026-06-01', timeZone: 'UTC', grain: 'day' })).toEqual(['REPORTING.INVALID_PERIOD', 'grain']);
  });
});
