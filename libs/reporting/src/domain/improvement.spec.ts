import { changeImprovementStatus, checkNewImprovement, measureWindow, metricValue, progressOf, reportOfMetric, slaFilterOfMeasure, targetReached } from './improvement';
import type { ChangeReportRow } from './change-report';
import type { SlaComplianceRow } from './sla-compliance';
import type { Improvement, NewImprovement } from './improvement';

const draft: NewImprovement = { title: ' Halve P2 MTTR ', description: '', ownerId: 'u-owner', measure: { metric: 'mttrMs', windowDays: 30, timeZone: 'Europe/Zurich', filter: { dimension: 'priority', value: '2' } }, target: { value: 3_600_000, direction: 'decrease', due: null } };

describe('the improvement register', () => {
  it("measures over the last whole local days of the initiative's zone, today excluded", () => {
    // 23:30 UTC on 31 March is already 1 April in Zurich (+02:00).
    expect(measureWindow(draft.measure, Date.parse('2026-03-31T23:30:00Z'))).toEqual({ from: '2026-03-02', to: '2026-04-01', timeZone: 'Europe/Zurich', grain: 'whole' });
    expect(measureWindow({ ...draft.measure, windowDays: 1, timeZone: 'UTC' }, Date.parse('2026-03-31T23:30:00Z'))).toEqual({ from: '2026-03-30', to: '2026-03-31', timeZone: 'UTC', grain: 'whole' });
  });

  it('reads the figure from the window row (no incident: counts 0, means and rates unknown) and the progress from baseline to target', () => {
    expect(metricValue(undefined, 'opened')).toBe(0);
    expect(metricValue(undefined, 'mttrMs')).toBeNull();
    expect(metricValue(undefined, 'reopenRate')).toBeNull();
    expect(metricValue(undefined, 'slaCompliance')).toBeNull();
    expect(metricValue(undefined, 'slaBreached')).toBe(0);
    expect(metricValue(undefined, 'changesCausingIncidents')).toBe(0);
    expect(metricValue(undefined, 'changeSuccessRate')).toBeNull();
    const sla = { met: 3, breached: 1, compliance: 0.75 } as SlaComplianceRow;
    expect([metricValue(sla, 'slaCompliance'), metricValue(sla, 'slaBreached')]).toEqual([0.75, 1]);
    const change = { successRate: 0.5, causingIncidents: 2, emergencyShare: null } as unknown as ChangeReportRow;
    expect([metricValue(change, 'changeSuccessRate'), metricValue(change, 'changesCausingIncidents'), metricValue(change, 'emergencyChangeShare')]).toEqual([0.5, 2, null]);
    expect(progressOf(4, 3, 2)).toBe(0.5);
    expect(progressOf(4, 5, 2)).toBe(-0.5);
    expect(progressOf(0.5, 0.9, 0.8)).toBeCloseTo(4 / 3);
    expect(progressOf(null, 3, 2)).toBeNull();
    expect(progressOf(2, 3, 2)).toBeNull();
    expect(targetReached(2, { value: 2, direction: 'decrease', due: null })).toBe(true);
    expect(targetReached(0.7, { value: 0.8, direction: 'increase', due: null })).toBe(false);
    expect(targetReached(null, { value: 0.8, direction: 'increase', due: null })).toBe(false);
  });

  it('checks a new initiative field by field', () => {
    expect(checkNewImprovement(draft).title).toBe('Halve P2 MTTR');
    const field = (input: NewImprovement): unknown => {
      try {
        checkNewImprovement(input);
        return null;
      } catch (error) {
        return (error as { details: { field: string } }).details.field;
      }
    };
    expect(field({ ...draft, title: 'x' })).toBe('title');
    expect(field({ ...draft, ownerId: ' ' })).toBe('ownerId');
    expect(field({ ...draft, measure: { ...draft.measure, windowDays: 0 } })).toBe('measure.windowDays');
    expect(field({ ...draft, measure: { ...draft.measure, metric: 'reopenRate' }, target: { ...draft.target, value: 5 } })).toBe('target.value');
    expect(field({ ...draft, target: { ...draft.target, due: '31.12.2026' } })).toBe('target.due');
    // A filter names a dimension of the metric's own report, and for SLA kinds, ticket types and targets a known value.
    const sla = { ...draft, measure: { ...draft.measure, metric: 'slaCompliance' as const, filter: { dimension: 'kind', value: 'UC' } }, target: { value: 0.95, direction: 'increase' as const, due: null } };
    expect(field(sla)).toBeNull();
    expect(field({ ...sla, measure: { ...sla.measure, filter: { dimension: 'priority', value: '1' } } })).toBe('measure.filter');
    expect(field({ ...sla, measure: { ...sla.measure, filter: { dimension: 'kind', value: 'XLA' } } })).toBe('measure.filter');
    expect(field({ ...sla, target: { ...sla.target, value: 95 } })).toBe('target.value');
    expect(field({ ...draft, measure: { ...draft.measure, metric: 'changeSuccessRate', filter: { dimension: 'model', value: 'normal' } }, target: { value: 0.9, direction: 'increase', due: null } })).toBeNull();
    expect(field({ ...draft, measure: { ...draft.measure, metric: 'changeSuccessRate', filter: { dimension: 'priority', value: '2' } }, target: { value: 0.9, direction: 'increase', due: null } })).toBe('measure.filter');
    expect(field({ ...draft, target: { ...draft.target, due: '2026-02-31' } })).toBe('target.due');
  });

  it("reads each metric from its own report, an SLA filter as compliance's", () => {
    expect(['mttrMs', 'slaCompliance', 'changeSuccessRate'].map((m) => reportOfMetric(m as 'mttrMs'))).toEqual(['incident', 'sla', 'change']);
    expect(slaFilterOfMeasure({ dimension: 'definition', value: 'p1-resolution' })).toEqual({ definitionId: 'p1-resolution' });
    expect(slaFilterOfMeasure({ dimension: 'supplier', value: 'northwind' })).toEqual({ supplierOrgId: 'northwind' });
    expect(slaFilterOfMeasure(null)).toEqual({});
  });

  it('moves along its lifecycle only forwards, recording who and when', () => {
    const proposed: Improvement = { ...draft, id: 'i1', status: 'proposed', baseline: { value: 7_200_000, measuredAt: 0, from: 'a', to: 'b' }, history: [], createdBy: 'u-m', createdAt: 0, updatedAt: 0, version: 1 };
    const approved = changeImprovementStatus(proposed, 'approved', 'u-m', 5);
    expect(approved).toMatchObject({ status: 'approved', updatedAt: 5, history: [{ status: 'approved', by: 'u-m', at: 5 }] });
    expect(() => changeImprovementStatus(approved, 'completed', 'u-m', 6)).toThrow('an initiative approved cannot become completed');
    expect(() => changeImprovementStatus(changeImprovementStatus(approved, 'abandoned', 'u-m', 6), 'in_progress', 'u-m', 7)).toThrow('cannot become in_progress');
  });
});
