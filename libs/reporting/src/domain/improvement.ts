import { civilFromDays, daysFromCivil, localDayOf, parseIsoDate } from '@itsm/recurrence';
import type { ChangeReportRow } from './change-report';
import { CHANGE_DIMENSIONS } from './change-report';
import type { IncidentReportRow } from './incident-report';
import { DIMENSIONS } from './measures';
import { AGREEMENT_KINDS, SLA_TARGETS, SLA_TICKET_TYPES } from './sla-clock-fact';
import type { AgreementKind, SlaTarget, SlaTicketType } from './sla-clock-fact';
import type { SlaComplianceRow, SlaFilter } from './sla-compliance';
import { SLA_DIMENSIONS } from './sla-compliance';
import type { PeriodSpec } from './periods';
import { reportingError, ReportingErrorCode } from './reporting.errors';

/** Where an improvement initiative stands (ITIL's continual improvement register). */
export const IMPROVEMENT_STATUSES = ['proposed', 'approved', 'in_progress', 'completed', 'abandoned'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

const INCIDENT_METRICS = ['opened', 'resolved', 'canceled', 'handedOver', 'mttaMs', 'mttrMs', 'reopenRate', 'firstTimeFixRate'] as const;
const SLA_METRICS = ['slaCompliance', 'slaBreached'] as const;
const CHANGE_METRICS = ['changeSuccessRate', 'changesCausingIncidents', 'emergencyChangeShare'] as const;
/** The report figures an initiative may be measured by: the incident report's, SLA compliance's, the change report's. */
export const IMPROVEMENT_METRICS = [...INCIDENT_METRICS, ...SLA_METRICS, ...CHANGE_METRICS] as const;
export type ImprovementMetric = (typeof IMPROVEMENT_METRICS)[number];

/** The report a metric is a figure of. */
export type MeasuredReport = 'incident' | 'sla' | 'change';
export function reportOfMetric(metric: ImprovementMetric): MeasuredReport {
  if ((SLA_METRICS as readonly string[]).includes(metric)) return 'sla';
  if ((CHANGE_METRICS as readonly string[]).includes(metric)) return 'change';
  return 'incident';
}

const DIMENSIONS_OF: Readonly<Record<MeasuredReport, readonly string[]>> = { incident: DIMENSIONS, sla: SLA_DIMENSIONS, change: CHANGE_DIMENSIONS };
/** Metrics that are fractions (their targets too: 0 to 1). */
const FRACTIONS: ReadonlySet<ImprovementMetric> = new Set(['reopenRate', 'firstTimeFixRate', 'slaCompliance', 'changeSuccessRate', 'emergencyChangeShare']);
/** Metrics that are means or fractions: unknown (null) over a window with nothing to measure; the others are counts (0). */
const RATIOS: ReadonlySet<ImprovementMetric> = new Set([...FRACTIONS, 'mttaMs', 'mttrMs']);

/** A measure's filter: one dimension of its metric's report and the value it must have. */
export interface MeasureFilter {
  readonly dimension: string;
  readonly value: string;
}

export const TARGET_DIRECTIONS = ['decrease', 'increase'] as const;
export type TargetDirection = (typeof TARGET_DIRECTIONS)[number];

/**
 * How an initiative is measured: one figure of a report over the last `windowDays` whole local days
 * in `timeZone` (a rolling window: the same question asked again later), optionally filtered on one
 * dimension of that report.
 */
export interface ImprovementMeasure {
  readonly metric: ImprovementMetric;
  readonly windowDays: number;
  readonly timeZone: string;
  readonly filter: MeasureFilter | null;
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
  if (FRACTIONS.has(input.measure.metric) && input.target.value > 1) throw invalid('a rate target is a fraction between 0 and 1', 'target.value');
  checkMeasureFilter(input.measure);
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

const FILTER_VALUES: Readonly<Record<string, readonly string[]>> = { kind: AGREEMENT_KINDS, ticketType: SLA_TICKET_TYPES, target: SLA_TARGETS };

/** The filter names a dimension of the metric's report, and a value that dimension can have (REPORTING.INVALID_INPUT, measure.filter). */
function checkMeasureFilter({ metric, filter }: ImprovementMeasure): void {
  if (filter === null) return;
  const report = reportOfMetric(metric);
  if (!DIMENSIONS_OF[report].includes(filter.dimension)) {
    throw invalid(`a ${report} metric is filtered by one of ${DIMENSIONS_OF[report].join(', ')}, not ${filter.dimension}`, 'measure.filter');
  }
  const values = report === 'sla' ? FILTER_VALUES[filter.dimension] : undefined;
  if (values !== undefined && !values.includes(filter.value)) throw invalid(`${filter.dimension} is one of ${values.join(', ')}`, 'measure.filter');
}

/** The SLA compliance filter a measure's (checked) filter stands for. */
export function slaFilterOfMeasure(filter: MeasureFilter | null): SlaFilter {
  switch (filter?.dimension) {
    case 'definition':
      return { definitionId: filter.value };
    case 'kind':
      return { kind: filter.value as AgreementKind };
    case 'ticketType':
      return { ticketType: filter.value as SlaTicketType };
    case 'supplier':
      return { supplierOrgId: filter.value };
    case 'target':
      return { target: filter.value as SlaTarget };
    default:
      return {};
  }
}

/** A measure's (checked) filter as a report's one-dimension filter. */
export function reportFilterOfMeasure<D extends string>(filter: MeasureFilter | null, dimensions: readonly D[]): { dimension: D; value: string } | null {
  if (filter === null) return null;
  if (!(dimensions as readonly string[]).includes(filter.dimension)) throw invalid(`no dimension ${filter.dimension} in this report`, 'measure.filter');
  return { dimension: filter.dimension as D, value: filter.value };
}

/** The row field a metric reads where the names differ. */
const FIELD_OF: Partial<Readonly<Record<ImprovementMetric, string>>> = {
  slaCompliance: 'compliance',
  slaBreached: 'breached',
  changeSuccessRate: 'successRate',
  changesCausingIncidents: 'causingIncidents',
  emergencyChangeShare: 'emergencyShare',
};

/**
 * The metric's value in its report's whole-window row (`reportOfMetric` says which report); no row:
 * nothing in the window (counts 0, means and rates unknown).
 */
export function metricValue(row: IncidentReportRow | SlaComplianceRow | ChangeReportRow | undefined, metric: ImprovementMetric): number | null {
  if (row === undefined) return RATIOS.has(metric) ? null : 0;
  const value = (row as unknown as Readonly<Record<string, unknown>>)[FIELD_OF[metric] ?? metric];
  return typeof value === 'number' ? value : null;
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
