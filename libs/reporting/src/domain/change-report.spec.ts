import { changeHistory, fold, incidentLinkHistory } from '../test-fixtures/change-request-history';
import { evolveChangeFact, evolveUnauthorisedFact, isChangeRecordEvent } from './change-fact';
import type { ChangeFact, ChangeTopicEvent, UnauthorisedChangeFact } from './change-fact';
import { changeReportRows } from './change-report';
import type { ChangeDimension, ChangeReportFilter, ChangeReportRow } from './change-report';
import { evolveIncidentChangeLink } from './incident-change-link';
import type { IncidentChangeLink } from './incident-change-link';
import type { IncidentEvent } from './incident-fact';
import { periodBuckets } from './periods';
import type { PeriodSpec } from './periods';

const facts = (events: readonly ChangeTopicEvent[] = changeHistory(), links: readonly IncidentEvent[] = incidentLinkHistory()) => ({
  changes: fold<ChangeTopicEvent, ChangeFact>(events.filter(isChangeRecordEvent), (f, e) => (isChangeRecordEvent(e) ? evolveChangeFact(f, e) : f)),
  unauthorised: fold<ChangeTopicEvent, UnauthorisedChangeFact>(events.filter((e) => !isChangeRecordEvent(e)), evolveUnauthorisedFact),
  links: fold<IncidentEvent, IncidentChangeLink>(links, evolveIncidentChangeLink),
});

const MARCH: PeriodSpec = { from: '2026-03-01', to: '2026-04-01', timeZone: 'UTC', grain: 'month' };
const report = (period: PeriodSpec, groupBy: ChangeDimension | null = null, filter: ChangeReportFilter | null = null, f = facts()) =>
  changeReportRows({ buckets: periodBuckets(period), groupBy, filter, ...f });
const pick = (rows: ReturnType<typeof report>, ...fields: (keyof ReturnType<typeof report>[number])[]) => rows.map((row) => Object.fromEntries(fields.map((f) => [f, row[f]])));

describe('change report', () => {
  it('gives the hand-computed figures of March (UTC)', () => {
    // Requested A B C E (03-02), D (03-12), F (03-31 22:30Z): 6; emergency D: 1 -> share 1/6.
    // Closed A (successful), B (successful), C (backed_out), D (successful): 4 -> success rate 3/4.
    // Canceled E. Caused: C has i-1 (i-2 canceled, i-3 unlinked from B, i-4 a problem link): 1 change, 1 incident.
    // Unauthorised: u-1 detected 03-08.
    expect(report(MARCH)).toEqual([
      {
        period: '2026-03',
        periodStart: Date.parse('2026-03-01T00:00:00Z'),
        periodEnd: Date.parse('2026-04-01T00:00:00Z'),
        group: null,
        requested: 6,
        emergency: 1,
        emergencyShare: 1 / 6,
        closed: 4,
        successful: 3,
        successfulWithIssues: 0,
        failed: 0,
        backedOut: 1,
        successRate: 0.75,
        canceled: 1,
        causingIncidents: 1,
        causedIncidents: 1,
        unauthorisedDetected: 1,
      },
    ]);
  });

  it('counts in the time zone: F (03-31 22:30Z) is requested on April 1st in Zurich', () => {
    const rows = report({ from: '2026-03-01', to: '2026-05-01', timeZone: 'Europe/Zurich', grain: 'month' });
    // March: 5 requested, emergency 1 -> 1/5; April: F alone.
    expect(pick(rows, 'period', 'requested', 'emergencyShare', 'closed', 'successRate')).toEqual([
      { period: '2026-03', requested: 5, emergencyShare: 0.2, closed: 4, successRate: 0.75 },
      { period: '2026-04', requested: 1, emergencyShare: 0, closed: 0, successRate: null },
    ]);
  });

  it('groups by model and by service (a change on two services under each), unauthorised changes only in the whole', () => {
    // emergency D: 1 requested, 1 closed successful. normal B C E F: 4 requested, B successful, C backed out -> 1/2, E canceled, C caused 1. standard A: 1/1.
    expect(pick(report(MARCH, 'model'), 'group', 'requested', 'closed', 'successful', 'backedOut', 'successRate', 'canceled', 'causingIncidents', 'unauthorisedDetected')).toEqual([
      { group: 'emergency', requested: 1, closed: 1, successful: 1, backedOut: 0, successRate: 1, canceled: 0, causingIncidents: 0, unauthorisedDetected: null },
      { group: 'normal', requested: 4, closed: 2, successful: 1, backedOut: 1, successRate: 0.5, canceled: 1, causingIncidents: 1, unauthorisedDetected: null },
      { group: 'standard', requested: 1, closed: 1, successful: 1, backedOut: 0, successRate: 1, canceled: 0, causingIncidents: 0, unauthorisedDetected: null },
    ]);
    // '' F (no service); svc-erp B C E; svc-mail A D E.
    expect(pick(report(MARCH, 'service'), 'group', 'requested', 'closed', 'canceled')).toEqual([
      { group: '', requested: 1, closed: 0, canceled: 0 },
      { group: 'svc-erp', requested: 3, closed: 2, canceled: 1 },
      { group: 'svc-mail', requested: 3, closed: 2, canceled: 1 },
    ]);
  });

  it("filters: northwind's changes B and C", () => {
    expect(pick(report(MARCH, null, { dimension: 'supplier', value: 'northwind' }), 'group', 'requested', 'closed', 'successRate', 'causedIncidents', 'unauthorisedDetected')).toEqual([
      { group: null, requested: 2, closed: 2, successRate: 0.5, causedIncidents: 1, unauthorisedDetected: null },
    ]);
    expect(report(MARCH, 'risk', { dimension: 'risk', value: 'very_high' })).toEqual([]);
  });

  it('changes no figure for duplicated, replayed or reordered-by-subject deliveries', () => {
    const events = changeHistory();
    const links = incidentLinkHistory();
    const once = report(MARCH, 'model');
    // Delivered twice (the whole history again), and every event duplicated in place.
    expect(report(MARCH, 'model', null, facts([...events, ...events], [...links, ...links]))).toEqual(once);
    expect(report(MARCH, 'model', null, facts(events.flatMap((e) => [e, e]), links.flatMap((e) => [e, e])))).toEqual(once);
    // A late redelivery of older events (C's move to review, before its close code; i-3's link, before its unlink) is at or below their sequence: ignored.
    const cToReview = events.find((e) => e.type === 'itsm.change.state-changed.v1' && e.data.changeId === 'chg-c' && e.data.state === 'review');
    const i3Link = links.find((e) => e.subject === 'i-3' && e.type === 'itsm.incident.linked.v1');
    if (cToReview === undefined || i3Link === undefined) throw new Error('fixture changed');
    expect(report(MARCH, 'model', null, facts([...events, cToReview], [...links, i3Link]))).toEqual(once);
    // Changes first seen after their requests (history older than the topics keep) count from then on: closed
    // and their outcomes as before, none as requested.
    const sum = (rows: readonly ChangeReportRow[], field: 'requested' | 'closed' | 'successful' | 'backedOut' | 'canceled') => rows.reduce((total, row) => total + row[field], 0);
    const late = report(MARCH, 'model', null, facts(events.filter((e) => e.type !== 'itsm.change.requested.v1'), links));
    expect((['closed', 'successful', 'backedOut', 'canceled'] as const).map((field) => sum(late, field))).toEqual((['closed', 'successful', 'backedOut', 'canceled'] as const).map((field) => sum(once, field)));
    expect([sum(once, 'requested') > 0, sum(late, 'requested')]).toEqual([true, 0]);
  });
});
