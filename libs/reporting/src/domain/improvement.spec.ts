import { changeImprovementStatus, checkNewImprovement, measureWindow, metricValue, progressOf, targetReached } from './improvement';
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
    expect(field({ ...draft, target: { ...draft.target, due: '2026-02-31' } })).toBe('target.due');
  });

  it('moves along its lifecycle only forwards, recording who and when', () => {
    const proposed: Improvement = { ...draft, id: 'i1', status: 'proposed', baseline: { value: 7_200_000, measuredAt: 0, from: 'a', to: 'b' }, history: [], createdBy: 'u-m', createdAt: 0, updatedAt: 0, version: 1 };
    const approved = changeImprovementStatus(proposed, 'approved', 'u-m', 5);
    expect(approved).toMatchObject({ status: 'approved', updatedAt: 5, history: [{ status: 'approved', by: 'u-m', at: 5 }] });
    expect(() => changeImprovementStatus(approved, 'completed', 'u-m', 6)).toThrow('an initiative approved cannot become completed');
    expect(() => changeImprovementStatus(changeImprovementStatus(approved, 'abandoned', 'u-m', 6), 'in_progress', 'u-m', 7)).toThrow('cannot become in_progress');
  });
});
