/** The grains a report is cut into (the reporting context's ReportGrain). */
export const GRAINS = ['day', 'week', 'month', 'whole'] as const;
export type Grain = (typeof GRAINS)[number];

/** A report's period as the API takes it: `from` and `to` (YYYY-MM-DD, `to` exclusive), in UTC. */
export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
  readonly grain: Grain;
  readonly timeZone: string;
}

const DAY_MS = 86_400_000;
const isoDay = (instant: number): string => new Date(instant).toISOString().slice(0, 10);

/** The default range: the last `days` days up to and including today (UTC), by week. */
export function defaultPeriod(now: number, days = 90): ReportPeriod {
  const tomorrow = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
  return { from: isoDay(tomorrow - days * DAY_MS), to: isoDay(tomorrow), grain: 'week', timeZone: 'UTC' };
}

/** The reporting context's limits (libs/reporting periods: MAX_RANGE_DAYS, MAX_PERIODS). */
export const MAX_RANGE_DAYS = 3 * 366;
export const MAX_PERIODS = 400;

/** A period's input a problem belongs to. */
export type PeriodField = 'from' | 'to' | 'grain';
export interface PeriodProblem {
  readonly field: PeriodField;
  /** A message key under dashboards.period. */
  readonly key: 'missing' | 'order' | 'tooLong' | 'tooManyPeriods';
}

/** A calendar date (YYYY-MM-DD) as its UTC midnight; NaN for anything else (2026-02-30 too). */
function dayOf(text: string): number {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(instant) || isoDay(instant) !== text ? Number.NaN : instant;
}

/**
 * Why a range is not a report's period, on the input to fix, or undefined when it is one: the
 * reporting context's own checks (to after from, at most MAX_RANGE_DAYS days; at most MAX_PERIODS
 * periods, which only days can exceed within that range).
 */
export function periodProblem(period: Pick<ReportPeriod, 'from' | 'to' | 'grain'>): PeriodProblem | undefined {
  const from = dayOf(period.from);
  const to = dayOf(period.to);
  if (Number.isNaN(from)) return { field: 'from', key: 'missing' };
  if (Number.isNaN(to)) return { field: 'to', key: 'missing' };
  const days = Math.round((to - from) / DAY_MS);
  if (days <= 0) return { field: 'to', key: 'order' };
  if (days > MAX_RANGE_DAYS) return { field: 'to', key: 'tooLong' };
  if (period.grain === 'day' && days > MAX_PERIODS) return { field: 'grain', key: 'tooManyPeriods' };
  return undefined;
}

/** The reporting context's CSV export of `report` for these query parameters (undefined ones left out). */
export function exportUrl(report: string, params: Readonly<Record<string, string | undefined>>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(name, value);
  const text = query.toString();
  return `/reporting/v1/${report}.csv${text === '' ? '' : `?${text}`}`;
}

/** A duration in ms as hours (one decimal) or minutes under an hour, e.g. "42 min", "3.5 h"; "–" for none. */
export function formatDuration(ms: number | null | undefined, language: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const minutes = ms / 60_000;
  if (minutes < 60) return `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(minutes)} min`;
  if (minutes < 48 * 60) return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(minutes / 60)} h`;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(minutes / 1440)} d`;
}

/** A rate (0..1) as a percentage; "–" for none. */
export function formatRate(rate: number | null | undefined, language: string): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '–';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** Hours (two decimals) for a chart's axis; null stays a gap. */
export const hoursOf = (ms: number | null | undefined): number | null => (ms === null || ms === undefined ? null : Math.round(ms / 36_000) / 100);

/** A rate (0..1) as a percentage number for a chart's axis; null stays a gap. */
export const percentOf = (rate: number | null | undefined): number | null => (rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10);

/** The file name a content-disposition header gives, else `fallback`. */
export function attachmentName(disposition: string | null, fallback: string): string {
  const match = disposition === null ? null : /filename="?([^";]+)"?/i.exec(disposition);
  return match?.[1] ?? fallback;
}
