import { fold, requestHistory } from '../test-fixtures/change-request-history';
import { periodBuckets } from './periods';
import type { PeriodSpec } from './periods';
import { evolveRequestFact } from './request-fact';
import type { RequestEvent, RequestFact } from './request-fact';
import { requestReportRows, taskReportRows } from './request-report';
import type { DimensionFilter, RequestDimension, TaskDimension } from './request-report';

const HOUR = 3_600_000;
const MARCH: PeriodSpec = { from: '2026-03-01', to: '2026-04-01', timeZone: 'UTC', grain: 'month' };
const requests = (events: readonly RequestEvent[] = requestHistory()) => fold<RequestEvent, RequestFact>(events, evolveRequestFact);
const items = (groupBy: RequestDimension | null, filter: DimensionFilter<RequestDimension> | null = null, period = MARCH, events = requestHistory()) =>
  requestReportRows({ buckets: periodBuckets(period), groupBy, filter, requests: requests(events) });
const tasks = (groupBy: TaskDimension | null, filter: DimensionFilter<TaskDimension> | null = null, events = requestHistory()) =>
  taskReportRows({ buckets: periodBuckets(MARCH), groupBy, filter, requests: requests(events) });

describe('request report', () => {
  it('gives fulfilment times and approval waits per catalogue item (hand-computed)', () => {
    const march = { period: '2026-03', periodStart: Date.parse('2026-03-01T00:00:00Z'), periodEnd: Date.parse('2026-04-01T00:00:00Z') };
    expect(items('item')).toEqual([
      {
        ...march,
        group: 'laptop',
        // RITM 1, 2, 4 submitted; 1 fulfilled after 28 h (03-02 09:00 -> 03-03 13:00), 2 after 50 h (03-04 10:00 -> 03-06 12:00):
        // mean 39 h; 90th percentile: rank ceil(0.9 * 2) = 2 -> 50 h. RITM 4 rejected: unfulfilled.
        submitted: 3,
        fulfilled: 2,
        meanFulfilmentMs: 39 * HOUR,
        p90FulfilmentMs: 50 * HOUR,
        unfulfilled: 1,
        // Levels decided: 4 h (R1), 24 h and 2 h (R2), 1 h rejected (R4): 31 h / 4 = 7.75 h.
        approvalsDecided: 4,
        approvalsRejected: 1,
        meanApprovalWaitMs: 7.75 * HOUR,
      },
      // RITM 3: 03-06 08:00 -> 10:00, no approval.
      { ...march, group: 'mouse', submitted: 1, fulfilled: 1, meanFulfilmentMs: 2 * HOUR, p90FulfilmentMs: 2 * HOUR, unfulfilled: 0, approvalsDecided: 0, approvalsRejected: 0, meanApprovalWaitMs: null },
    ]);
  });

  it('counts each measure in the period of its instant (by day) and filters', () => {
    const days = items(null, { dimension: 'item', value: 'laptop' }, { from: '2026-03-02', to: '2026-03-08', timeZone: 'UTC', grain: 'day' });
    // 03-02 R1 submitted, level decided (4 h); 03-03 R1 fulfilled (28 h); 03-04 R2 submitted; 03-05 two levels (24 h + 2 h: 13 h);
    // 03-06 R2 fulfilled (50 h); 03-07 R4 submitted, rejected (1 h), unfulfilled.
    expect(days.map((r) => [r.period, r.submitted, r.fulfilled, r.meanFulfilmentMs, r.unfulfilled, r.approvalsDecided, r.meanApprovalWaitMs])).toEqual([
      ['2026-03-02', 1, 0, null, 0, 1, 4 * HOUR],
      ['2026-03-03', 0, 1, 28 * HOUR, 0, 0, null],
      ['2026-03-04', 1, 0, null, 0, 0, null],
      ['2026-03-05', 0, 0, null, 0, 2, 13 * HOUR],
      ['2026-03-06', 0, 1, 50 * HOUR, 0, 0, null],
      ['2026-03-07', 1, 0, null, 1, 1, 1 * HOUR],
    ]);
  });

  it('gives task time per fulfilment group (hand-computed)', () => {
    // g-desk: T1 open 03-02 13:00 -> complete 03-03 13:00 (24 h; started 15:00: 22 h work), T3 08:00 -> 10:00 (2 h; 1 h work):
    // mean 13 h, 90th percentile rank 2 -> 24 h, work 11.5 h. g-supplier: T2 24 h, work 23 h.
    expect(tasks('group').map(({ group, closed, completed, meanTaskMs, p90TaskMs, meanWorkMs }) => ({ group, closed, completed, meanTaskMs, p90TaskMs, meanWorkMs }))).toEqual([
      { group: 'g-desk', closed: 2, completed: 2, meanTaskMs: 13 * HOUR, p90TaskMs: 24 * HOUR, meanWorkMs: 11.5 * HOUR },
      { group: 'g-supplier', closed: 1, completed: 1, meanTaskMs: 24 * HOUR, p90TaskMs: 24 * HOUR, meanWorkMs: 23 * HOUR },
    ]);
    expect(tasks(null, { dimension: 'supplier', value: 'northwind' }).map((r) => [r.group, r.closed, r.meanTaskMs])).toEqual([[null, 1, 24 * HOUR]]);
  });

  it('changes no figure for duplicated or late redelivered events', () => {
    const events = requestHistory();
    const once = { items: items('item'), tasks: tasks('group') };
    // T1's start delivered again after it completed (a late redelivery): without the request's sequence T1 would be in progress again, not completed.
    const late = events.find((e) => e.type === 'itsm.request.task-state-changed.v1' && e.data.task.taskId === 't-1' && e.data.task.state === 'in_progress');
    if (late === undefined) throw new Error('fixture changed');
    for (const replay of [[...events, ...events], events.flatMap((e) => [e, e]), [...events, late]]) {
      expect({ items: items('item', null, MARCH, replay), tasks: tasks('group', null, replay) }).toEqual(once);
    }
  });
});
