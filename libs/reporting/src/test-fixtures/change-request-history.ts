import { changeSubject, createEnvelope, requestSubject } from '@itsm/contracts';
import type { ChangeTopicEvent, IncidentEvent, RequestEvent } from '../domain';
import { incidentStream } from './incident-history';

/** Events numbered per subject, as the owning context publishes them. */
function stream<E>(source: string) {
  const sequences = new Map<string, number>();
  return (subject: string, type: string, at: string, data: Record<string, unknown>): E => {
    const sequence = (sequences.get(subject) ?? 0) + 1;
    sequences.set(subject, sequence);
    return createEnvelope({ id: `${subject}-${sequence}`, source, type, subject, time: new Date(at), data: { by: 'u-someone', at, ...data }, sequence, correlationid: 'c' }) as unknown as E;
  };
}

interface ChangeShape {
  readonly id: string;
  readonly n: number;
  readonly model: 'standard' | 'normal' | 'emergency';
  readonly risk: 'low' | 'moderate' | 'high' | null;
  readonly services: readonly string[];
  readonly group: string;
  readonly org: string | null;
}

const changeFacts = (c: ChangeShape, state: string, closeCode: string | null = null) => ({
  changeId: c.id,
  number: `CHG${String(c.n).padStart(7, '0')}`,
  model: c.model,
  state,
  title: `change ${c.id}`,
  templateId: null,
  requesterId: 'u-requester',
  assignmentGroupId: c.group,
  assignedOrgId: c.org,
  assigneeId: null,
  configurationItemIds: [],
  serviceIds: [...c.services],
  plannedStart: null,
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  risk: c.risk === null ? null : { level: c.risk, decidedBy: 'default', ruleId: null, reason: 'default level' },
  closeCode,
  retrospectivelyAuthorised: false,
});

export const CHANGES = {
  a: { id: 'chg-a', n: 1, model: 'standard', risk: 'low', services: ['svc-mail'], group: 'g-net', org: null },
  b: { id: 'chg-b', n: 2, model: 'normal', risk: 'moderate', services: ['svc-erp'], group: 'g-app', org: 'northwind' },
  c: { id: 'chg-c', n: 3, model: 'normal', risk: 'high', services: ['svc-erp'], group: 'g-app', org: 'northwind' },
  d: { id: 'chg-d', n: 4, model: 'emergency', risk: 'high', services: ['svc-mail'], group: 'g-net', org: null },
  e: { id: 'chg-e', n: 5, model: 'normal', risk: null, services: ['svc-mail', 'svc-erp'], group: 'g-net', org: null },
  f: { id: 'chg-f', n: 6, model: 'normal', risk: null, services: [], group: 'g-net', org: null },
} as const satisfies Record<string, ChangeShape>;

/**
 * The change stream of March 2026 (UTC instants):
 * A standard, requested 03-02 08:00 (scheduled), implement 03-03 10:00, review 11:00, closed 12:00 successful.
 * B normal (northwind), requested 03-02 09:00, assess, authorize, scheduled, implement 03-05, review, closed 03-06 12:00 successful.
 * C normal (northwind), requested 03-02 10:00, ..., implement 03-09, review, closed 03-10 12:00 backed_out.
 * D emergency, requested 03-12 07:00, authorize, implement 08:00, review, closed 03-13 09:00 successful.
 * E normal on two services, requested 03-02 11:00, canceled 03-04 09:00.
 * F normal, requested 2026-03-31 22:30Z: 04-01 00:30 in Zurich (summer time since 03-29).
 * An unauthorised change detected on a CI 03-08 06:00, acknowledged 03-09.
 * A CAB meeting's minutes (no figure).
 */
export function changeHistory(): ChangeTopicEvent[] {
  const e = stream<ChangeTopicEvent>('/itsm/change');
  const subject = (c: ChangeShape) => changeSubject('change', c.id);
  const requested = (c: ChangeShape, at: string, state: string) => e(subject(c), 'itsm.change.requested.v1', at, changeFacts(c, state));
  const move = (c: ChangeShape, at: string, previousState: string, state: string, closeCode: string | null = null) =>
    e(subject(c), 'itsm.change.state-changed.v1', at, { ...changeFacts(c, state, closeCode), previousState, reason: null });
  const reviewed = (c: ChangeShape, at: string, outcome: string) => e(subject(c), 'itsm.change.reviewed.v1', at, { ...changeFacts(c, 'review', outcome), outcome, lessons: '' });
  const normal = (c: ChangeShape, day: string, outcome: string, closedDay: string) => [
    move(c, `${day}T08:00:00.000Z`, 'new', 'assess'),
    move(c, `${day}T08:10:00.000Z`, 'assess', 'authorize'),
    move(c, `${day}T08:20:00.000Z`, 'authorize', 'scheduled'),
    move(c, `${day}T09:00:00.000Z`, 'scheduled', 'implement'),
    move(c, `${day}T10:00:00.000Z`, 'implement', 'review'),
    reviewed(c, `${closedDay}T11:00:00.000Z`, outcome),
    move(c, `${closedDay}T12:00:00.000Z`, 'review', 'closed', outcome),
  ];
  const { a, b, c, d, f } = CHANGES;
  const ce = CHANGES.e;
  const unauthorised = changeSubject('unauthorised-change', 'u-1');
  return [
    requested(a, '2026-03-02T08:00:00.000Z', 'scheduled'),
    requested(b, '2026-03-02T09:00:00.000Z', 'new'),
    requested(c, '2026-03-02T10:00:00.000Z', 'new'),
    requested(ce, '2026-03-02T11:00:00.000Z', 'new'),
    e(subject(ce), 'itsm.change.risk-assessed.v1', '2026-03-02T11:30:00.000Z', changeFacts(ce, 'new')),
    move(a, '2026-03-03T10:00:00.000Z', 'scheduled', 'implement'),
    move(a, '2026-03-03T11:00:00.000Z', 'implement', 'review'),
    move(a, '2026-03-03T12:00:00.000Z', 'review', 'closed', 'successful'),
    move(ce, '2026-03-04T09:00:00.000Z', 'new', 'canceled'),
    ...normal(b, '2026-03-05', 'successful', '2026-03-06'),
    e(unauthorised, 'itsm.change.unauthorised-change-detected.v1', '2026-03-08T06:00:00.000Z', { recordId: 'u-1', ciId: 'ci-db', ciName: 'db01', source: 'discovery', attributes: ['ram'] }),
    e(unauthorised, 'itsm.change.unauthorised-change-resolved.v1', '2026-03-09T06:00:00.000Z', { recordId: 'u-1', ciId: 'ci-db', resolution: 'acknowledged', note: 'known', changeId: null }),
    ...normal(c, '2026-03-09', 'backed_out', '2026-03-10'),
    requested(d, '2026-03-12T07:00:00.000Z', 'new'),
    move(d, '2026-03-12T07:10:00.000Z', 'new', 'authorize'),
    move(d, '2026-03-12T08:00:00.000Z', 'authorize', 'implement'),
    move(d, '2026-03-12T09:00:00.000Z', 'implement', 'review'),
    move(d, '2026-03-13T09:00:00.000Z', 'review', 'closed', 'successful'),
    e(changeSubject('cab-meeting', 'cab-1'), 'itsm.change.cab-minutes-published.v1', '2026-03-13T10:00:00.000Z', { meetingId: 'cab-1', name: 'CAB', occurrenceStart: '2026-03-13T09:00:00.000Z', attendeeIds: [], items: [] }),
    requested(f, '2026-03-31T22:30:00.000Z', 'new'),
  ];
}

/**
 * Incidents linked to changes: i-1 caused by C; i-2 caused by C but canceled (counts against none);
 * i-3 linked to B then unlinked; i-4 linked to a problem (no change).
 */
export function incidentLinkHistory(): IncidentEvent[] {
  const e = incidentStream();
  const link = (id: string, at: string, kind: string, targetId: string, type: 'itsm.incident.linked.v1' | 'itsm.incident.unlinked.v1' = 'itsm.incident.linked.v1') =>
    e(id, type, at, { kind, targetId, state: 'in_progress' });
  return [
    link('i-1', '2026-03-10T13:00:00.000Z', 'change', 'chg-c'),
    link('i-2', '2026-03-10T13:00:00.000Z', 'change', 'chg-c'),
    e('i-2', 'itsm.incident.canceled.v1', '2026-03-10T14:00:00.000Z', { reason: 'duplicate', state: 'canceled' }),
    link('i-3', '2026-03-06T13:00:00.000Z', 'change', 'chg-b'),
    link('i-3', '2026-03-06T14:00:00.000Z', 'change', 'chg-b', 'itsm.incident.unlinked.v1'),
    link('i-4', '2026-03-06T13:00:00.000Z', 'problem', 'prb-1'),
  ];
}

const requestFacts = (id: string, n: number) => ({ requestId: id, number: `REQ${String(n).padStart(7, '0')}`, state: 'open', requestedById: 'u-alice', requestedForId: 'u-alice', organisationId: 'fabrikam' });
const item = (id: string, n: number, catalogItemId: string, state: string) => ({ requestedItemId: id, number: `RITM${String(n).padStart(7, '0')}`, state, catalogItemId, catalogItemVersion: 1, name: catalogItemId, serviceId: 'svc-workplace', offeringId: null, quantity: 1 });
const task = (id: string, n: number, itemId: string, state: string, groupId: string, groupOrgId: string | null, assigneeId: string | null = null) => ({
  taskId: id,
  number: `TASK${String(n).padStart(7, '0')}`,
  requestedItemId: itemId,
  key: 'do',
  name: 'do it',
  state,
  groupId,
  groupOrgId,
  assigneeId,
});

/**
 * Four requests of March 2026 (UTC):
 * R1 laptop: submitted 03-02 09:00, approval level 0 asked 09:00 and approved 13:00 (4 h); task T1 (g-desk)
 *    open 13:00, assigned 14:00, in progress 15:00, complete 03-03 13:00 (task 24 h, work 22 h); item fulfilled 03-03 13:00 (28 h).
 * R2 laptop: submitted 03-04 10:00, level 0 approved 03-05 10:00 (24 h), level 1 asked 10:00 approved 12:00 (2 h);
 *    task T2 (g-supplier of northwind) open 03-05 12:00, in progress 13:00, complete 03-06 12:00 (24 h, work 23 h); fulfilled 03-06 12:00 (50 h).
 * R3 mouse: submitted 03-06 08:00 (no approval); task T3 (g-desk) open 08:00, in progress 09:00, complete 10:00 (2 h, work 1 h); fulfilled 10:00 (2 h).
 * R4 laptop: submitted 03-07 09:00, level 0 rejected 10:00 (1 h); item rejected 10:00 (unfulfilled).
 */
export function requestHistory(): RequestEvent[] {
  const e = stream<RequestEvent>('/itsm/catalogue');
  const req = (id: string, n: number) => {
    const subject = requestSubject(id);
    const facts = requestFacts(id, n);
    return {
      submitted: (at: string, items: unknown[]) => e(subject, 'itsm.request.submitted.v1', at, { ...facts, items }),
      asked: (at: string, it: unknown, level: number) => e(subject, 'itsm.request.approval-requested.v1', at, { ...facts, item: it, level, levelName: `level ${level}`, approverIds: ['u-boss'] }),
      decided: (at: string, it: unknown, level: number, decision: 'approved' | 'rejected') =>
        e(subject, 'itsm.request.approval-decided.v1', at, { ...facts, item: it, level, approverId: 'u-boss', onBehalfOf: null, decision, comment: null, levelOutcome: decision }),
      itemMoved: (at: string, it: unknown, previousState: string) => e(subject, 'itsm.request.item-state-changed.v1', at, { ...facts, item: it, previousState, reason: null }),
      taskMoved: (at: string, it: unknown, t: unknown, previousState: string | null) => e(subject, 'itsm.request.task-state-changed.v1', at, { ...facts, item: it, task: t, previousState, reason: null }),
      assigned: (at: string, it: unknown, t: unknown) => e(subject, 'itsm.request.task-assigned.v1', at, { ...facts, item: it, task: t, previousAssigneeId: null }),
      closed: (at: string) => e(subject, 'itsm.request.state-changed.v1', at, { ...facts, state: 'closed_complete', previousState: 'open', reason: null }),
    };
  };
  const r1 = req('r-1', 1);
  const r2 = req('r-2', 2);
  const r3 = req('r-3', 3);
  const r4 = req('r-4', 4);
  const i1 = (state: string) => item('ritm-1', 1, 'laptop', state);
  const i2 = (state: string) => item('ritm-2', 2, 'laptop', state);
  const i3 = (state: string) => item('ritm-3', 3, 'mouse', state);
  const i4 = (state: string) => item('ritm-4', 4, 'laptop', state);
  return [
    r1.submitted('2026-03-02T09:00:00.000Z', [i1('awaiting_approval')]),
    r1.asked('2026-03-02T09:00:00.000Z', i1('awaiting_approval'), 0),
    r1.decided('2026-03-02T13:00:00.000Z', i1('approved'), 0, 'approved'),
    r1.itemMoved('2026-03-02T13:00:00.000Z', i1('in_fulfilment'), 'approved'),
    r1.taskMoved('2026-03-02T13:00:00.000Z', i1('in_fulfilment'), task('t-1', 1, 'ritm-1', 'open', 'g-desk', null), null),
    r1.assigned('2026-03-02T14:00:00.000Z', i1('in_fulfilment'), task('t-1', 1, 'ritm-1', 'open', 'g-desk', null, 'u-bob')),
    r1.taskMoved('2026-03-02T15:00:00.000Z', i1('in_fulfilment'), task('t-1', 1, 'ritm-1', 'in_progress', 'g-desk', null, 'u-bob'), 'open'),
    r1.taskMoved('2026-03-03T13:00:00.000Z', i1('in_fulfilment'), task('t-1', 1, 'ritm-1', 'closed_complete', 'g-desk', null, 'u-bob'), 'in_progress'),
    r1.itemMoved('2026-03-03T13:00:00.000Z', i1('closed_complete'), 'in_fulfilment'),
    r1.closed('2026-03-03T13:00:00.000Z'),
    r2.submitted('2026-03-04T10:00:00.000Z', [i2('awaiting_approval')]),
    r2.asked('2026-03-04T10:00:00.000Z', i2('awaiting_approval'), 0),
    r2.decided('2026-03-05T10:00:00.000Z', i2('awaiting_approval'), 0, 'approved'),
    r2.asked('2026-03-05T10:00:00.000Z', i2('awaiting_approval'), 1),
    r2.decided('2026-03-05T12:00:00.000Z', i2('approved'), 1, 'approved'),
    r2.taskMoved('2026-03-05T12:00:00.000Z', i2('in_fulfilment'), task('t-2', 2, 'ritm-2', 'open', 'g-supplier', 'northwind'), null),
    r2.taskMoved('2026-03-05T13:00:00.000Z', i2('in_fulfilment'), task('t-2', 2, 'ritm-2', 'in_progress', 'g-supplier', 'northwind'), 'open'),
    r2.taskMoved('2026-03-06T12:00:00.000Z', i2('in_fulfilment'), task('t-2', 2, 'ritm-2', 'closed_complete', 'g-supplier', 'northwind'), 'in_progress'),
    r2.itemMoved('2026-03-06T12:00:00.000Z', i2('closed_complete'), 'in_fulfilment'),
    r3.submitted('2026-03-06T08:00:00.000Z', [i3('in_fulfilment')]),
    r3.taskMoved('2026-03-06T08:00:00.000Z', i3('in_fulfilment'), task('t-3', 3, 'ritm-3', 'open', 'g-desk', null), null),
    r3.taskMoved('2026-03-06T09:00:00.000Z', i3('in_fulfilment'), task('t-3', 3, 'ritm-3', 'in_progress', 'g-desk', null), 'open'),
    r3.taskMoved('2026-03-06T10:00:00.000Z', i3('in_fulfilment'), task('t-3', 3, 'ritm-3', 'closed_complete', 'g-desk', null), 'in_progress'),
    r3.itemMoved('2026-03-06T10:00:00.000Z', i3('closed_complete'), 'in_fulfilment'),
    r4.submitted('2026-03-07T09:00:00.000Z', [i4('awaiting_approval')]),
    r4.asked('2026-03-07T09:00:00.000Z', i4('awaiting_approval'), 0),
    r4.decided('2026-03-07T10:00:00.000Z', i4('rejected'), 0, 'rejected'),
    r4.itemMoved('2026-03-07T10:00:00.000Z', i4('rejected'), 'awaiting_approval'),
  ];
}

/** Folds events per subject, as the projector does (each subject's events in order). */
export function fold<E extends { subject: string }, F>(events: readonly E[], evolve: (fact: F | undefined, event: E) => F | undefined): F[] {
  const facts = new Map<string, F | undefined>();
  for (const event of events) facts.set(event.subject, evolve(facts.get(event.subject), event));
  return [...facts.values()].filter((fact): fact is F => fact !== undefined);
}
