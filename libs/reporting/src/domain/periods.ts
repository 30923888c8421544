import { civilFromDays, daysFromCivil, isValidTimeZone, localToUtc, parseIsoDate, weekdayIndexOfDay } from '@itsm/recurrence';
import type { PeriodBucket } from './rollups';
import { reportingError, ReportingErrorCode } from './reporting.errors';

/** How a report splits its range: by local day, ISO week (Monday first), calendar month, or one bucket for the whole range. */
export const PERIOD_GRAINS = ['day', 'week', 'month', 'whole'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

/** A report's range: local dates `from` (inclusive) to `to` (exclusive), YYYY-MM-DD, in `timeZone`. */
export interface PeriodSpec {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly grain: PeriodGrain;
}

/** The longest range a report covers (days) and the most periods it answers. */
export const MAX_RANGE_DAYS = 3 * 366;
export const MAX_PERIODS = 400;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const isoDate = (dayNumber: number): string => {
  const { y, m, d } = civilFromDays(dayNumber);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
};

/** The ISO 8601 week label (2026-W01) of a local day number. */
function isoWeekLabel(dayNumber: number): string {
  const thursday = dayNumber - weekdayIndexOfDay(dayNumber) + 3;
  const { y } = civilFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
  return `${pad(y, 4)}-W${pad(week)}`;
}

/** The first local day of the period holding `dayNumber`. */
function periodStart(grain: PeriodGrain, dayNumber: number, from: number): number {
  switch (grain) {
    case 'day':
      return dayNumber;
    case 'week':
      return dayNumber - weekdayIndexOfDay(dayNumber);
    case 'month': {
      const { y, m } = civilFromDays(dayNumber);
      return daysFromCivil(y, m, 1);
    }
    case 'whole':
      return from;
  }
}

function nextPeriod(grain: PeriodGrain, start: number, to: number): number {
  switch (grain) {
    case 'day':
      return start + 1;
    case 'week':
      return start + 7;
    case 'month': {
      const { y, m } = civilFromDays(start);
      return m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
    }
    case 'whole':
      return to;
  }
}

function label(grain: PeriodGrain, start: number, end: number): string {
  switch (grain) {
    case 'day':
      return isoDate(start);
    case 'week':
      return isoWeekLabel(start);
    case 'month':
      return isoDate(start).slice(0, 7);
    case 'whole':
      return `${isoDate(start)}/${isoDate(end)}`;
  }
}

/** REPORTING.INVALID_PERIOD (field timeZone) for a zone the IANA database does not know. */
export function checkTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw reportingError(ReportingErrorCode.InvalidPeriod, `unknown time zone ${timeZone}`, { field: 'timeZone' });
}

/**
 * The periods of `spec` as instants: each local day, week or month cut to the range (a range
 * starting mid-week has a short first week), its bounds at local midnight in the zone (a day
 * across a daylight-saving change is 23 or 25 hours). REPORTING.INVALID_PERIOD for an unknown zone,
 * a malformed or empty range, more than MAX_RANGE_DAYS or MAX_PERIODS.
 */
export function periodBuckets(spec: PeriodSpec): PeriodBucket[] {
  checkTimeZone(spec.timeZone);
  const from = parseIsoDate(spec.from);
  const to = parseIsoDate(spec.to);
  if (from === null) throw reportingError(ReportingErrorCode.InvalidPeriod, `from must be a date (YYYY-MM-DD), not ${spec.from}`, { field: 'from' });
  if (to === null) throw reportingError(ReportingErrorCode.InvalidPeriod, `to must be a date (YYYY-MM-DD), not ${spec.to}`, { field: 'to' });
  if (to <= from) throw reportingError(ReportingErrorCode.InvalidPeriod, 'to must be after from (to is exclusive)', { field: 'to' });
  if (to - from > MAX_RANGE_DAYS) throw reportingError(ReportingErrorCode.InvalidPeriod, `a report covers at most ${MAX_RANGE_DAYS} days`, { field: 'to' });
  const midnight = (dayNumber: number): number => {
    const { y, m, d } = civilFromDays(dayNumber);
    return localToUtc(spec.timeZone, y, m, d, 0);
  };
  const buckets: PeriodBucket[] = [];
  for (let start = from; start < to; ) {
    const end = Math.min(nextPeriod(spec.grain, periodStart(spec.grain, start, from), to), to);
    if (buckets.length === MAX_PERIODS) throw reportingError(ReportingErrorCode.InvalidPeriod, `a report answers at most ${MAX_PERIODS} periods: choose a longer grain`, { field: 'grain' });
    buckets.push({ label: label(spec.grain, periodStart(spec.grain, start, from), end), start: midnight(start), end: midnight(end) });
    start = end;
  }
  return buckets;
}
