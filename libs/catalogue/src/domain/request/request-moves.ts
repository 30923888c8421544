import { cancelApproval, decideApproval } from '@itsm/approval';
import { withApprovalErrors } from '../portfolio/approval-refusal';
import type { ApprovalStep, DecideApproval, Delegation } from '@itsm/approval';
import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';
import { actOnTask, approveItem, cancelItem, newItemFulfilment, rejectItem, rollupRequest } from '../fulfilment';
import type { FulfilmentFact, FulfilmentStep, ItemState, TaskAction } from '../fulfilment';
import { itemFacts, requestFacts, taskFacts } from './service-request';
import type { CommentVisibility, FulfilmentTaskRecord, RequestDecision, RequestEvent, RequestedItem, ServiceRequest } from './service-request';

/** A requested item as ordering built it: numbered, its values checked, its tasks numbered, its approval started (null: no policy applied). */
export type NewRequestedItem = Omit<RequestedItem, 'approval' | 'fulfilment'> & { readonly approval: ApprovalStep | null };

export interface SubmitRequest {
  readonly id: string;
  readonly number: string;
  readonly requestedById: string;
  readonly requestedForId: string;
  readonly organisationId: string | null;
  readonly items: readonly NewRequestedItem[];
}

const OPEN_ITEM: readonly ItemState[] = ['awaiting_approval', 'approved', 'in_fulfilment'];
export const COMMENT_MAX_LENGTH = 20_000;
export const REASON_MAX_LENGTH = 2_000;

/**
 * The request's events, each carrying the request, item and task as they are after it: a move
 * changes `request` step by step and records what it announced.
 */
class RequestChanges {
  readonly events: RequestEvent[] = [];
  private readonly at: string;

  constructor(
    public request: ServiceRequest,
    private readonly by: string,
    now: Date,
  ) {
    this.at = now.toISOString();
    this.request = { ...request, updatedAt: now };
  }

  item(itemId: string): RequestedItem {
    const item = this.request.items.find((i) => i.id === itemId);
    if (item === undefined) throw catalogueError(CatalogueErrorCode.NotFound, `Request ${this.request.number} has no requested item ${itemId}.`, { requestedItemId: itemId });
    return item;
  }

  replaceItem(item: RequestedItem): void {
    this.request = { ...this.request, items: this.request.items.map((i) => (i.id === item.id ? item : i)) };
  }

  emit(event: DistributiveOmit<RequestEvent, 'data'> & { readonly data: object }): void {
    this.events.push({ type: event.type, data: { ...requestFacts(this.request), ...event.data, by: this.by, at: this.at } } as RequestEvent);
  }

  /** Announces a fulfilment step fact by fact (task moves, then the item), `reason` on the first. */
  applyStep(itemId: string, step: FulfilmentStep, reason: string | null = null): void {
    step.facts.forEach((fact: FulfilmentFact, index) => {
      const item = this.item(itemId);
      const why = index === 0 ? reason : null;
      if (fact.type === 'task_state_changed') {
        const moved = { ...item, fulfilment: { ...item.fulfilment, tasks: { ...item.fulfilment.tasks, [fact.taskKey]: fact.state } } };
        this.replaceItem(moved);
        const task = moved.tasks.find((t) => t.key === fact.taskKey) as FulfilmentTaskRecord;
        this.emit({ type: 'itsm.request.task-state-changed.v1', data: { item: itemFacts(moved), task: taskFacts(moved, task), previousState: fact.previousState, reason: why } });
      } else {
        const moved = { ...item, fulfilment: { ...item.fulfilment, state: fact.state } };
        this.replaceItem(moved);
        this.emit({ type: 'itsm.request.item-state-changed.v1', data: { item: itemFacts(moved), previousState: fact.previousState, reason: why } });
      }
    });
  }

  /** Closes the request when its items closed (domain rollup). */
  rollup(reason: string | null = null): void {
    const previous = this.request.state;
    const step = rollupRequest(previous, this.request.items.map((i) => i.fulfilment.state));
    if (step.facts.length === 0) return;
    this.request = { ...this.request, state: step.state };
    this.emit({ type: 'itsm.request.state-changed.v1', data: { previousState: previous, reason } });
  }

  announceOpenedLevels(itemId: string, opened: readonly number[]): void {
    const item = this.item(itemId);
    for (const index of opened) {
      const level = item.approval?.levels[index];
      if (level === undefined) continue;
      this.emit({ type: 'itsm.request.approval-requested.v1', data: { item: itemFacts(item), level: index, levelName: level.name, approverIds: [...level.approverIds] } });
    }
  }

  decision(): RequestDecision {
    return { request: this.request, events: this.events };
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A cart becomes a request: submitted with its items, every task created pending, then per item
 * either its first approval levels asked or, with no level to ask, the item approved and its plan's
 * first tasks released.
 */
export function submitRequest(input: SubmitRequest, by: string, now: Date): RequestDecision {
  if (input.items.length === 0) throw catalogueError(CatalogueErrorCode.InvalidInput, 'A request needs at least one item.', { field: 'items' });
  const items: RequestedItem[] = input.items.map(({ approval, ...item }) => ({ ...item, approval: approval?.process ?? null, fulfilment: newItemFulfilment(item.plan) }));
  const request: ServiceRequest = {
    id: input.id,
    number: input.number,
    seq: sequenceOfNumber(input.number),
    state: 'open',
    requestedById: input.requestedById,
    requestedForId: input.requestedForId,
    organisationId: input.organisationId,
    items,
    comments: [],
    createdAt: now,
    updatedAt: now,
  };
  const changes = new RequestChanges(request, by, now);
  changes.emit({ type: 'itsm.request.submitted.v1', data: { items: items.map(itemFacts) } });
  for (const item of items) {
    for (const task of item.tasks) changes.emit({ type: 'itsm.request.task-state-changed.v1', data: { item: itemFacts(item), task: taskFacts(item, task), previousState: null, reason: null } });
  }
  input.items.forEach((ordered) => {
    const item = changes.item(ordered.id);
    if (item.approval === null || item.approval.outcome === 'approved') changes.applyStep(item.id, approveItem(item.plan, item.fulfilment));
    else changes.announceOpenedLevels(item.id, ordered.approval?.opened ?? []);
  });
  return changes.decision();
}

/** The numeric part of a record number (REQ0001234 -> 1234). */
export function sequenceOfNumber(number: string): number {
  const digits = /[0-9]+$/.exec(number)?.[0];
  if (digits === undefined) throw new RangeError(`a record number ends in digits: ${number}`);
  return Number.parseInt(digits, 10);
}

/**
 * An approver decides on a requested item's pending level (`decideApproval`'s seats and rules). The
 * process approved: the item is approved and its first tasks released; rejected: the item is
 * rejected and its tasks canceled; still pending: the levels it opened are asked.
 */
export function decideItemApproval(request: ServiceRequest, itemId: string, input: DecideApproval, delegations: readonly Delegation[], now: Date): RequestDecision {
  const changes = new RequestChanges(request, input.actorId, now);
  const item = changes.item(itemId);
  if (item.approval === null || item.fulfilment.state !== 'awaiting_approval') {
    throw catalogueError(CatalogueErrorCode.IllegalTransition, `Requested item ${item.number} is ${item.fulfilment.state}: no approval is pending.`, { requestedItemId: item.id, state: item.fulfilment.state });
  }
  const step = withApprovalErrors(() => decideApproval(item.approval as NonNullable<RequestedItem['approval']>, input, delegations, now));
  const decided = { ...item, approval: step.process };
  changes.replaceItem(decided);
  const levelOutcome = step.level.status === 'approved' || step.level.status === 'rejected' ? step.level.status : 'pending';
  const { decision } = step;
  changes.emit({
    type: 'itsm.request.approval-decided.v1',
    data: { item: itemFacts(decided), level: step.level.index, approverId: decision.approverId, onBehalfOf: decision.onBehalfOf, decision: decision.decision, comment: decision.comment, levelOutcome },
  });
  if (step.process.outcome === 'approved') changes.applyStep(item.id, approveItem(item.plan, decided.fulfilment));
  else if (step.process.outcome === 'rejected') changes.applyStep(item.id, rejectItem(item.plan, decided.fulfilment), decision.comment);
  else changes.announceOpenedLevels(item.id, step.opened);
  changes.rollup();
  return changes.decision();
}

/** A fulfiller starts, completes, fails or skips a released task; successors, item and request follow (domain rules). */
export function actOnRequestTask(request: ServiceRequest, taskId: string, action: TaskAction, reason: string | null, by: string, now: Date): RequestDecision {
  requireOpen(request, action);
  const changes = new RequestChanges(request, by, now);
  const { item, task } = findTask(request, taskId);
  changes.applyStep(item.id, actOnTask(item.plan, item.fulfilment, task.key, action), checkedReason(reason));
  changes.rollup();
  return changes.decision();
}

/** Gives a task not yet closed to a person (null: nobody); the same assignee again changes nothing. */
export function assignRequestTask(request: ServiceRequest, taskId: string, assigneeId: string | null, by: string, now: Date): RequestDecision {
  requireOpen(request, 'assign');
  const changes = new RequestChanges(request, by, now);
  const { item, task } = findTask(request, taskId);
  const state = item.fulfilment.tasks[task.key];
  if (state !== 'pending' && state !== 'open' && state !== 'in_progress') {
    throw catalogueError(CatalogueErrorCode.IllegalTransition, `Task ${task.number} is ${String(state)}: it cannot be assigned.`, { taskId: task.id, state: String(state) });
  }
  if (task.assigneeId === assigneeId) return { request, events: [] };
  const moved = { ...item, tasks: item.tasks.map((t) => (t.id === task.id ? { ...t, assigneeId } : t)) };
  changes.replaceItem(moved);
  changes.emit({ type: 'itsm.request.task-assigned.v1', data: { item: itemFacts(moved), task: taskFacts(moved, { ...task, assigneeId }), previousAssigneeId: task.assigneeId } });
  return changes.decision();
}

/** The requester withdraws the request: every item not closed is canceled (its approval and open tasks with it), then the request closes. */
export function cancelRequest(request: ServiceRequest, reason: string | null, by: string, now: Date): RequestDecision {
  requireOpen(request, 'cancel');
  const why = checkedReason(reason);
  const changes = new RequestChanges(request, by, now);
  for (const original of request.items) {
    if (!OPEN_ITEM.includes(original.fulfilment.state)) continue;
    const item = original.approval?.outcome === 'pending' ? { ...original, approval: cancelApproval(original.approval, now) } : original;
    changes.replaceItem(item);
    changes.applyStep(item.id, cancelItem(item.plan, item.fulfilment), why);
  }
  changes.rollup(why);
  return changes.decision();
}

export interface NewComment {
  readonly id: string;
  readonly visibility: CommentVisibility;
  readonly requestedItemId: string | null;
  readonly taskId: string | null;
  readonly text: string;
}

/** A comment (public) or work note (internal) on the request, one of its items or one of their tasks; one whose id is already there changes nothing (a redelivered notification reply). */
export function addRequestComment(request: ServiceRequest, comment: NewComment, by: string, now: Date): RequestDecision {
  if (request.comments.some((existing) => existing.id === comment.id)) return { request, events: [] };
  const text = comment.text.trim();
  if (text.length === 0 || text.length > COMMENT_MAX_LENGTH) {
    throw catalogueError(CatalogueErrorCode.InvalidInput, `A comment has 1 to ${COMMENT_MAX_LENGTH} characters.`, { field: 'text' });
  }
  const changes = new RequestChanges(request, by, now);
  let requestedItemId = comment.requestedItemId;
  if (comment.taskId !== null) {
    const { item } = findTask(request, comment.taskId);
    if (requestedItemId !== null && requestedItemId !== item.id) {
      throw catalogueError(CatalogueErrorCode.InvalidInput, `Task ${comment.taskId} is not a task of requested item ${requestedItemId}.`, { field: 'taskId' });
    }
    requestedItemId = item.id;
  } else if (requestedItemId !== null) changes.item(requestedItemId);
  const added = { id: comment.id, visibility: comment.visibility, requestedItemId, taskId: comment.taskId, text, by, at: now };
  changes.request = { ...changes.request, comments: [...changes.request.comments, added] };
  changes.emit({ type: 'itsm.request.comment-added.v1', data: { commentId: added.id, visibility: added.visibility, requestedItemId, taskId: added.taskId, text } });
  return changes.decision();
}

/** The item and task of a task id, or CATALOGUE.NOT_FOUND naming it. */
export function findTask(request: ServiceRequest, taskId: string): { readonly item: RequestedItem; readonly task: FulfilmentTaskRecord } {
  for (const item of request.items) {
    const task = item.tasks.find((t) => t.id === taskId);
    if (task !== undefined) return { item, task };
  }
  throw catalogueError(CatalogueErrorCode.NotFound, `Request ${request.number} has no task ${taskId}.`, { taskId });
}

function requireOpen(request: ServiceRequest, move: string): void {
  if (request.state !== 'open') {
    throw catalogueError(CatalogueErrorCode.IllegalTransition, `Request ${request.number} is ${request.state}: it cannot ${move}.`, { requestId: request.id, state: request.state, move });
  }
}

function checkedReason(reason: string | null): string | null {
  const text = reason?.trim() ?? '';
  if (text.length > REASON_MAX_LENGTH) throw catalogueError(CatalogueErrorCode.InvalidInput, `A reason has at most ${REASON_MAX_LENGTH} characters.`, { field: 'reason' });
  return text === '' ? null : text;
}
