import { attachmentName, defaultPeriod, exportUrl, formatDuration, formatRate, hoursOf, percentOf, periodProblem } from './report-period';

describe('report periods and figures', () => {
  const now = Date.parse('2026-03-15T18:30:00Z');

  it('defaults to the last 90 days up to today, by week, `to` exclusive', () => {
    expect(defaultPeriod(now)).toEqual({ from: '2025-12-16', to: '2026-03-16', grain: 'week', timeZone: 'UTC' });
    expect(defaultPeriod(now, 1)).toMatchObject({ from: '2026-03-15', to: '2026-03-16' });
  });

  it('names what is wrong with a range', () => {
    expect(periodProblem({ from: '2026-01-01', to: '2026-02-01' })).toBeUndefined();
    expect(periodProblem({ from: '', to: '2026-02-01' })).toBe('missing');
    expect(periodProblem({ from: '2026-02-01', to: '2026-02-01' })).toBe('order');
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
