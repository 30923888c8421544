import type { EventOf, requestTopic } from '@itsm/contracts';
import { dayOf } from './rollups';

export type RequestEvent = EventOf<typeof requestTopic>;
type ItemFacts = Extract<RequestEvent, { type: 'itsm.request.submitted.v1' }>['data']['items'][number];
type TaskFacts = Extract<RequestEvent, { type: 'itsm.request.task-assigned.v1' }>['data']['task'];

/** One approval level's wait: asked at `requestedAt`, decided (the level's outcome) at `decidedAt`. */
export interface ApprovalWait {
  readonly level: number;
  readonly requestedAt: number;
  readonly decidedAt: number | null;
  readonly outcome: 'approved' | 'rejected' | null;
}

/** A requested item (RITM): its catalogue item, service, and the instants of its life. */
export interface RequestedItemFact {
  readonly id: string;
  readonly number: string;
  readonly catalogItemId: string;
  readonly serviceId: string | null;
  readonly state: ItemFacts['state'];
  readonly submittedAt: number;
  /** Closed complete: fulfilled. */
  readonly fulfilledAt: number | null;
  /** Ended otherwise (closed incomplete, canceled, rejected). */
  readonly unfulfilledAt: number | null;
  readonly approvals: readonly ApprovalWait[];
}

/** A fulfilment task: the group (and its supplier organisation) that has it now and the instants of its life. */
export interface FulfilmentTaskFact {
  readonly id: string;
  readonly requestedItemId: string;
  readonly catalogItemId: string;
  readonly groupId: string;
  readonly orgId: string | null;
  readonly state: TaskFacts['state'];
  /** First workable (open or in progress: no longer pending behind an earlier task). */
  readonly readyAt: number | null;
  /** First assigned to a person. */
  readonly assignedAt: number | null;
  readonly startedAt: number | null;
  /** Closed (complete, failed, skipped) or canceled. */
  readonly closedAt: number | null;
}

/**
 * What reporting keeps of one service request, from its events alone (all on the request's
 * subject, in order): its items and their tasks. One document per request, so the per-subject
 * sequence guards the whole (an event at or below `sequence` changes nothing).
 */
export interface RequestFact {
  readonly key: string;
  readonly id: string;
  readonly organisationId: string | null;
  readonly submittedAt: number;
  readonly items: readonly RequestedItemFact[];
  readonly tasks: readonly FulfilmentTaskFact[];
  readonly sequence: number;
}

const TASK_CLOSED: ReadonlySet<string> = new Set(['closed_complete', 'closed_failed', 'closed_skipped', 'canceled']);
const ITEM_UNFULFILLED: ReadonlySet<string> = new Set(['closed_incomplete', 'canceled', 'rejected']);

function withItem(fact: RequestFact, facts: ItemFacts, at: number, change: (item: RequestedItemFact) => RequestedItemFact): RequestFact {
  const known = fact.items.find((item) => item.id === facts.requestedItemId);
  const base: RequestedItemFact = known ?? { id: facts.requestedItemId, number: facts.number, catalogItemId: facts.catalogItemId, serviceId: facts.serviceId, state: facts.state, submittedAt: fact.submittedAt, fulfilledAt: null, unfulfilledAt: null, approvals: [] };
  const entered = base.state !== facts.state || known === undefined ? facts.state : null;
  const next = change({
    ...base,
    catalogItemId: facts.catalogItemId,
    serviceId: facts.serviceId,
    state: facts.state,
    fulfilledAt: base.fulfilledAt ?? (entered === 'closed_complete' ? at : null),
    unfulfilledAt: base.unfulfilledAt ?? (entered !== null && ITEM_UNFULFILLED.has(entered) ? at : null),
  });
  return { ...fact, items: known === undefined ? [...fact.items, next] : fact.items.map((item) => (item.id === next.id ? next : item)) };
}

function withTask(fact: RequestFact, facts: TaskFacts, catalogItemId: string, at: number, assigned: boolean): RequestFact {
  const known = fact.tasks.find((task) => task.id === facts.taskId);
  const base: FulfilmentTaskFact = known ?? { id: facts.taskId, requestedItemId: facts.requestedItemId, catalogItemId, groupId: facts.groupId, orgId: facts.groupOrgId, state: facts.state, readyAt: null, assignedAt: null, startedAt: null, closedAt: null };
  const s = facts.state;
  const next: FulfilmentTaskFact = {
    ...base,
    groupId: facts.groupId,
    orgId: facts.groupOrgId,
    state: s,
    readyAt: base.readyAt ?? (s === 'open' || s === 'in_progress' ? at : null),
    assignedAt: base.assignedAt ?? (assigned && facts.assigneeId !== null ? at : null),
    startedAt: base.startedAt ?? (s === 'in_progress' ? at : null),
    closedAt: base.closedAt ?? (TASK_CLOSED.has(s) ? at : null),
  };
  return { ...fact, tasks: known === undefined ? [...fact.tasks, next] : fact.tasks.map((task) => (task.id === next.id ? next : task)) };
}

/**
 * The request's fact after `event`: created by `submitted` (an event of a request whose submission
 * was never seen answers undefined), its items' approvals, states and tasks followed; `fact` itself
 * for an event already applied.
 */
export function evolveRequestFact(fact: RequestFact | undefined, event: RequestEvent): RequestFact | undefined {
  if (fact !== undefined && event.sequence <= fact.sequence) return fact;
  const at = Date.parse(event.data.at);
  if (event.type === 'itsm.request.submitted.v1') {
    if (fact !== undefined) return { ...fact, sequence: event.sequence };
    const created: RequestFact = { key: event.subject, id: event.data.requestId, organisationId: event.data.organisationId, submittedAt: at, items: [], tasks: [], sequence: event.sequence };
    return event.data.items.reduce((next, item) => withItem(next, item, at, (i) => i), created);
  }
  if (fact === undefined) return undefined;
  const next: RequestFact = { ...fact, organisationId: event.data.organisationId, sequence: event.sequence };
  switch (event.type) {
    case 'itsm.request.approval-requested.v1': {
      const level = event.data.level;
      return withItem(next, event.data.item, at, (item) =>
        item.approvals.some((a) => a.level === level && a.decidedAt === null) ? item : { ...item, approvals: [...item.approvals, { level, requestedAt: at, decidedAt: null, outcome: null }] },
      );
    }
    case 'itsm.request.approval-decided.v1': {
      const { level, levelOutcome } = event.data;
      return withItem(next, event.data.item, at, (item) =>
        levelOutcome === 'pending' ? item : { ...item, approvals: item.approvals.map((a) => (a.level === level && a.decidedAt === null ? { ...a, decidedAt: at, outcome: levelOutcome } : a)) },
      );
    }
    case 'itsm.request.item-state-changed.v1':
      return withItem(next, event.data.item, at, (item) => item);
    case 'itsm.request.task-state-changed.v1':
      return withTask(withItem(next, event.data.item, at, (item) => item), event.data.task, event.data.item.catalogItemId, at, false);
    case 'itsm.request.task-assigned.v1':
      return withTask(next, event.data.task, event.data.item.catalogItemId, at, true);
    default:
      return next;
  }
}

/** The UTC days of a request's instants (what a range query finds it by). */
export function requestFactDays(fact: RequestFact): number[] {
  const instants: (number | null)[] = [fact.submittedAt];
  for (const item of fact.items) instants.push(item.submittedAt, item.fulfilledAt, item.unfulfilledAt, ...item.approvals.map((a) => a.decidedAt));
  for (const task of fact.tasks) instants.push(task.closedAt);
  return [...new Set(instants.filter((at): at is number => at !== null).map(dayOf))];
}
