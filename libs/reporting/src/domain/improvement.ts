import { civilFromDays, daysFromCivil, localDayOf, parseIsoDate } from '@itsm/recurrence';
import type { IncidentReportRow } from './incident-report';
import type { ReportFilter } from './measures';
import type { PeriodSpec } from './periods';
import { reportingError, ReportingErrorCode } from './reporting.errors';

/** Where an improvement initiative stands (ITIL's continual improvement register). */
export const IMPROVEMENT_STATUSES = ['proposed', 'approved', 'in_progress', 'completed', 'abandoned'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** The report figures an initiative may be measured by. */
export const IMPROVEMENT_METRICS = ['opened', 'resolved', 'canceled', 'handedOver', 'mttaMs', 'mttrMs', 'reopenRate', 'firstTimeFixRate'] as const;
export type ImprovementMetric = (typeof IMPROVEMENT_METRICS)[number];

export const TARGET_DIRECTIONS = ['decrease', 'increase'] as const;
export type TargetDirection = (typeof TARGET_DIRECTIONS)[number];

/**
 * How an initiative is measured: one figure of the incident report over the last `windowDays` whole
 * local days in `timeZone` (a rolling window: the same question asked again later), optionally
 * filtered on one dimension.
 */
export interface ImprovementMeasure {
  readonly metric: ImprovementMetric;
  readonly windowDays: number;
  readonly timeZone: string;
  readonly filter: ReportFilter | null;
}

/** A measured value (null: nothing to measure, e.g. a mean over no incident) and the window it was measured over. */
export interface MeasuredValue {
  readonly value: number | null;
  readonly measuredAt: number;
  readonly from: string;
  readonly to: string;
}

export interface ImprovementTarget {
  readonly value: number;
  readonly direction: TargetDirection;
  /** The local date it should be reached by (YYYY-MM-DD), or null. */
  readonly due: string | null;
}

export interface StatusChange {
  readonly status: ImprovementStatus;
  readonly by: string;
  readonly at: number;
}

export interface Improvement {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The person accountable (directory id or user name). */
  readonly ownerId: string;
  readonly status: ImprovementStatus;
  readonly measure: ImprovementMeasure;
  /** The measure's value when the initiative was registered: progress is measured from it, never typed in. */
  readonly baseline: MeasuredValue;
  readonly target: ImprovementTarget;
  readonly history: readonly StatusChange[];
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly version: number;
}

export interface NewImprovement {
  readonly title: string;
  readonly description: string;
  readonly ownerId: string;
  readonly measure: ImprovementMeasure;
  readonly target: ImprovementTarget;
}

const invalid = (message: string, field: string) => reportingError(ReportingErrorCode.InvalidInput, message, { field });
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a new initiative's fields (REPORTING.INVALID_INPUT naming the field). */
export function checkNewImprovement(input: NewImprovement): NewImprovement {
  const title = input.title.trim();
  if (title.length < 3 || title.length > 200) throw invalid('the title must be 3 to 200 characters', 'title');
  if (input.description.length > 5_000) throw invalid('the description must be at most 5,000 characters', 'description');
  if (input.ownerId.trim() === '') throw invalid('an initiative needs an owner', 'ownerId');
  const { windowDays } = input.measure;
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 366) throw invalid('the window must be 1 to 366 days', 'measure.windowDays');
  if (!Number.isFinite(input.target.value) || input.target.value < 0) throw invalid('the target must be a number of at least 0', 'target.value');
  if (input.measure.metric.endsWith('Rate') && input.target.value > 1) throw invalid('a rate target is a fraction between 0 and 1', 'target.value');
  if (input.target.due !== null && (!ISO_DATE.test(input.target.due) || parseIsoDate(input.target.due) === null)) throw invalid('the due date must be a date, YYYY-MM-DD', 'target.due');
  return { ...input, title };
}

/** The window of `measure` at `now`: the last `windowDays` whole local days, today excluded (grain whole). */
export function measureWindow(measure: ImprovementMeasure, now: number): PeriodSpec {
  const today = localDayOf(measure.timeZone, now);
  const todayNumber = daysFromCivil(today.y, today.m, today.d);
  const iso = (dayNumber: number): string => {
    const { y, m, d } = civilFromDays(dayNumber);
    return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  return { from: iso(todayNumber - measure.windowDays), to: iso(todayNumber), timeZone: measure.timeZone, grain: 'whole' };
}

/** The metric's value in a whole-window report's row (no row: no incident; counts 0, means and rates none). */
export function metricValue(row: IncidentReportRow | undefined, metric: ImprovementMetric): number | null {
  if (row === undefined) return metric === 'mttaMs' || metric === 'mttrMs' || metric.endsWith('Rate') ? null : 0;
  return row[metric];
}

/**
 * How far the measure has come from its baseline to its target: 0 at the baseline, 1 at the target
 * (beyond 1: past it; below 0: worse than the baseline); null when either value is unknown or the
 * target is the baseline.
 */
export function progressOf(baseline: number | null, current: number | null, target: number): number | null {
  if (baseline === null || current === null || target === baseline) return null;
  return (current - baseline) / (target - baseline);
}

/** Whether `current` reached the target in its direction. */
export function targetReached(current: number | null, target: ImprovementTarget): boolean {
  if (current === null) return false;
  return target.direction === 'decrease' ? current <= target.value : current >= target.value;
}

const NEXT: Readonly<Record<ImprovementStatus, readonly ImprovementStatus[]>> = {
  proposed: ['approved', 'abandoned'],
  approved: ['in_progress', 'abandoned'],
  in_progress: ['completed', 'abandoned'],
  completed: [],
  abandoned: [],
};

/** The initiative in `status` (REPORTING.INVALID_INPUT for a step its lifecycle does not allow). */
export function changeImprovementStatus(improvement: Improvement, status: ImprovementStatus, by: string, at: number): Improvement {
  if (!NEXT[improvement.status].includes(status)) {
    throw reportingError(ReportingErrorCode.InvalidInput, `an initiative ${improvement.status} cannot become ${status}`, { field: 'status', from: improvement.status, to: status });
  }
  return { ...improvement, status, updatedAt: at, history: [...improvement.history, { status, by, at }] };
}
