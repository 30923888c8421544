import { BucketRows, meanOf, percentile } from './fact-buckets';
import type { FulfilmentTaskFact, RequestedItemFact, RequestFact } from './request-fact';
import type { PeriodBucket } from './rollups';

/** The percentile of fulfilment and task times a report gives beside the mean (nearest rank). */
export const REPORT_PERCENTILE = 90;

/** What a request report groups or filters requested items by: catalogue item, service, organisation (of the person it is for). */
export const REQUEST_DIMENSIONS = ['item', 'service', 'organisation'] as const;
export type RequestDimension = (typeof REQUEST_DIMENSIONS)[number];

/** What a task report groups or filters fulfilment tasks by: fulfilment group, supplier (the group's organisation), catalogue item. */
export const TASK_DIMENSIONS = ['group', 'supplier', 'item'] as const;
export type TaskDimension = (typeof TASK_DIMENSIONS)[number];

export interface DimensionFilter<D extends string> {
  readonly dimension: D;
  readonly value: string;
}

interface RowBase {
  readonly period: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly group: string | null;
}

/** A request report row: requested items of a period (and group). */
export interface RequestReportRow extends RowBase {
  /** Items submitted in the period. */
  readonly submitted: number;
  /** Items fulfilled (closed complete) in the period, and their fulfilment time (submitted to fulfilled, wall time, ms): mean and 90th percentile. */
  readonly fulfilled: number;
  readonly meanFulfilmentMs: number | null;
  readonly p90FulfilmentMs: number | null;
  /** Items ended unfulfilled (closed incomplete, canceled, rejected) in the period. */
  readonly unfulfilled: number;
  /** Approval levels decided in the period, the rejected among them, and their mean wait (the level asked to its outcome, ms). */
  readonly approvalsDecided: number;
  readonly approvalsRejected: number;
  readonly meanApprovalWaitMs: number | null;
}

/** A task report row: fulfilment tasks closed in a period (and group). */
export interface TaskReportRow extends RowBase {
  /** Tasks closed (complete, failed, skipped) or canceled in the period, and of those the completed ones. */
  readonly closed: number;
  readonly completed: number;
  /** Task time of those closed that were ever workable: first workable (open) to closed, ms: mean and 90th percentile. */
  readonly meanTaskMs: number | null;
  readonly p90TaskMs: number | null;
  /** Work time of those closed that were started: first in progress to closed, ms. */
  readonly meanWorkMs: number | null;
}

const base = (period: PeriodBucket, group: string | null): RowBase => ({ period: period.label, periodStart: period.start, periodEnd: period.end, group });

export function requestItemValue(request: RequestFact, item: RequestedItemFact, dimension: RequestDimension): string {
  switch (dimension) {
    case 'item':
      return item.catalogItemId;
    case 'service':
      return item.serviceId ?? '';
    case 'organisation':
      return request.organisationId ?? '';
  }
}

export function taskValue(task: FulfilmentTaskFact, dimension: TaskDimension): string {
  switch (dimension) {
    case 'group':
      return task.groupId;
    case 'supplier':
      return task.orgId ?? '';
    case 'item':
      return task.catalogItemId;
  }
}

interface RequestTotals {
  submitted: number;
  fulfilmentMs: number[];
  unfulfilled: number;
  approvalsDecided: number;
  approvalsRejected: number;
  approvalWaitMs: number;
}

export interface FactReportInput<D extends string> {
  readonly buckets: readonly PeriodBucket[];
  readonly groupBy: D | null;
  readonly filter: DimensionFilter<D> | null;
  /** The requests with an instant in the range (others add nothing). */
  readonly requests: Iterable<RequestFact>;
}

/** The request report: each requested item's measures in the period of their instant, per group value. */
export function requestReportRows(input: FactReportInput<RequestDimension>): RequestReportRow[] {
  const rows = new BucketRows<RequestTotals>(input.buckets, () => ({ submitted: 0, fulfilmentMs: [], unfulfilled: 0, approvalsDecided: 0, approvalsRejected: 0, approvalWaitMs: 0 }));
  for (const request of input.requests) {
    for (const item of request.items) {
      if (input.filter !== null && requestItemValue(request, item, input.filter.dimension) !== input.filter.value) continue;
      const group = input.groupBy === null ? null : requestItemValue(request, item, input.groupBy);
      const submitted = rows.at(item.submittedAt, group);
      if (submitted !== undefined) submitted.submitted += 1;
      if (item.fulfilledAt !== null) rows.at(item.fulfilledAt, group)?.fulfilmentMs.push(item.fulfilledAt - item.submittedAt);
      const unfulfilled = rows.at(item.unfulfilledAt, group);
      if (unfulfilled !== undefined) unfulfilled.unfulfilled += 1;
      for (const approval of item.approvals) {
        const decided = rows.at(approval.decidedAt, group);
        if (decided === undefined || approval.decidedAt === null) continue;
        decided.approvalsDecided += 1;
        if (approval.outcome === 'rejected') decided.approvalsRejected += 1;
        decided.approvalWaitMs += approval.decidedAt - approval.requestedAt;
      }
    }
  }
  return rows.entries().map(({ period, group, acc: t }) => ({
    ...base(period, group),
    submitted: t.submitted,
    fulfilled: t.fulfilmentMs.length,
    meanFulfilmentMs: meanOf(t.fulfilmentMs.reduce((a, b) => a + b, 0), t.fulfilmentMs.length),
    p90FulfilmentMs: percentile(t.fulfilmentMs, REPORT_PERCENTILE),
    unfulfilled: t.unfulfilled,
    approvalsDecided: t.approvalsDecided,
    approvalsRejected: t.approvalsRejected,
    meanApprovalWaitMs: meanOf(t.approvalWaitMs, t.approvalsDecided),
  }));
}

interface TaskTotals {
  closed: number;
  completed: number;
  taskMs: number[];
  workMs: number;
  worked: number;
}

/** The task report: each fulfilment task counted in the period it closed, per group value. */
export function taskReportRows(input: FactReportInput<TaskDimension>): TaskReportRow[] {
  const rows = new BucketRows<TaskTotals>(input.buckets, () => ({ closed: 0, completed: 0, taskMs: [], workMs: 0, worked: 0 }));
  for (const request of input.requests) {
    for (const task of request.tasks) {
      if (input.filter !== null && taskValue(task, input.filter.dimension) !== input.filter.value) continue;
      const row = rows.at(task.closedAt, input.groupBy === null ? null : taskValue(task, input.groupBy));
      if (row === undefined || task.closedAt === null) continue;
      row.closed += 1;
      if (task.state === 'closed_complete') row.completed += 1;
      if (task.readyAt !== null) row.taskMs.push(task.closedAt - task.readyAt);
      if (task.startedAt !== null) {
        row.worked += 1;
        row.workMs += task.closedAt - task.startedAt;
      }
    }
  }
  return rows.entries().map(({ period, group, acc: t }) => ({
    ...base(period, group),
    closed: t.closed,
    completed: t.completed,
    meanTaskMs: meanOf(t.taskMs.reduce((a, b) => a + b, 0), t.taskMs.length),
    p90TaskMs: percentile(t.taskMs, REPORT_PERCENTILE),
    meanWorkMs: meanOf(t.workMs, t.worked),
  }));
}
