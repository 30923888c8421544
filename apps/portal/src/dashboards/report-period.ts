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

/** Why a range is not a report's period (a message key), or undefined when it is one. */
export function periodProblem(period: Pick<ReportPeriod, 'from' | 'to'>): 'missing' | 'order' | undefined {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(period.from) || !day.test(period.to)) return 'missing';
  return period.from < period.to ? undefined : 'order';
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
