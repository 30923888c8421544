import { attachmentName, defaultPeriod, exportUrl, formatDuration, formatRate, hoursOf, percentOf, periodProblem } from './report-period';

describe('report periods and figures', () => {
  const now = Date.parse('2026-03-15T18:30:00Z');

  it('defaults to the last 90 days up to today, by week, `to` exclusive', () => {
    expect(defaultPeriod(now)).toEqual({ from: '2025-12-16', to: '2026-03-16', grain: 'week', timeZone: 'UTC' });
    expect(defaultPeriod(now, 1)).toMatchObject({ from: '2026-03-15', to: '2026-03-16' });
  });

  it('names what is wrong with a range', () => {
    expect(periodProblem({ from: '2026-01-01', to: '2026-02-01', grain: 'day' })).toBeUndefined();
    expect(periodProblem({ from: '', to: '2026-02-01', grain: 'week' })).toEqual({ field: 'from', key: 'missing' });
    expect(periodProblem({ from: '2026-02-01', to: '2026-02-30', grain: 'week' })).toEqual({ field: 'to', key: 'missing' });
    expect(periodProblem({ from: '2026-02-01', to: '2026-02-01', grain: 'week' })).toEqual({ field: 'to', key: 'order' });
  });

  it("mirrors the reporting context's limits: at most 1098 days, at most 400 periods", () => {
    expect(periodProblem({ from: '2024-01-01', to: '2027-01-03', grain: 'month' })).toBeUndefined(); // 1098 days
    expect(periodProblem({ from: '2024-01-01', to: '2027-01-04', grain: 'month' })).toEqual({ field: 'to', key: 'tooLong' });
    expect(periodProblem({ from: '2025-01-01', to: '2026-02-05', grain: 'day' })).toBeUndefined(); // 400 days
    expect(periodProblem({ from: '2025-01-01', to: '2026-02-06', grain: 'day' })).toEqual({ field: 'grain', key: 'tooManyPeriods' });
    expect(periodProblem({ from: '2025-01-01', to: '2026-02-06', grain: 'week' })).toBeUndefined();
  });

  it('builds export URLs without empty parameters', () => {
    expect(exportUrl('incident-report', { from: '2026-01-01', to: '2026-02-01', grain: 'month', filter: undefined, groupBy: '' })).toBe('/reporting/v1/incident-report.csv?from=2026-01-01&to=2026-02-01&grain=month');
    expect(exportUrl('incident-backlog', {})).toBe('/reporting/v1/incident-backlog.csv');
    expect(exportUrl('incident-report', { filter: 'supplier:northwind networks' })).toBe('/reporting/v1/incident-report.csv?filter=supplier%3Anorthwind+networks');
  });

  it('formats durations and rates per language', () => {
    expect(formatDuration(42 * 60_000, 'en')).toBe('42 min');
    expect(formatDuration(3.5 * 3_600_000, 'en')).toBe('3.5 h');
    expect(formatDuration(3.5 * 3_600_000, 'de')).toBe('3,5 h');
    expect(formatDuration(72 * 3_600_000, 'en')).toBe('3 d');
    expect(formatDuration(null, 'en')).toBe('–');
    expect(formatRate(0.955, 'en')).toBe('95.5%');
    expect(formatRate(undefined, 'en')).toBe('–');
    expect(hoursOf(5_400_000)).toBe(1.5);
    expect(hoursOf(null)).toBeNull();
    expect(percentOf(0.8333)).toBe(83.3);
  });

  it('reads the attachment name', () => {
    expect(attachmentName('attachment; filename="sla-compliance.csv"', 'x.csv')).toBe('sla-compliance.csv');
    expect(attachmentName(null, 'x.csv')).toBe('x.csv');
  });
});
