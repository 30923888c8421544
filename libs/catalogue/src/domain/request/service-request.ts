import type { ApprovalProcess } from '@itsm/approval';
import type { EventTypeOf, PayloadOf, requestTopic } from '@itsm/contracts';
import type { FormValues } from '../forms';
import type { FulfilmentPlan, ItemFulfilment, RequestState, TaskState } from '../fulfilment';

type RequestTopic = typeof requestTopic;
export type RequestEventType = EventTypeOf<RequestTopic>;
/** An event of `itsm.request.v1` as the request aggregate decides it. */
export type RequestEvent = { [E in RequestEventType]: { readonly type: E; readonly data: PayloadOf<RequestTopic, E> } }[RequestEventType];
export type RequestedItemFacts = PayloadOf<RequestTopic, 'itsm.request.submitted.v1'>['items'][number];
export type FulfilmentTaskFacts = PayloadOf<RequestTopic, 'itsm.request.task-state-changed.v1'>['task'];

/** A fulfilment task (TASK) of a requested item: its plan task, its group and who works on it (state: the item's fulfilment). */
export interface FulfilmentTaskRecord {
  readonly id: string;
  readonly number: string;
  readonly key: string;
  readonly name: string;
  readonly groupId: string;
  /** The group's organisation when it is a supplier organisation (SIAM), else null. */
  readonly supplierOrgId: string | null;
  readonly assigneeId: string | null;
}

/** A requested item (RITM): the item version it was ordered under, its values, approval and fulfilment. */
export interface RequestedItem {
  readonly id: string;
  readonly number: string;
  readonly catalogItemId: string;
  readonly catalogItemVersion: number;
  readonly name: string;
  readonly serviceId: string | null;
  readonly offeringId: string | null;
  readonly quantity: number;
  /** The catalogue bundle it was ordered through; null when ordered on its own. */
  readonly bundleId: string | null;
  /** The values as `validateValues` normalised them (visible variables with a value, form order). */
  readonly variables: FormValues;
  /** The version's plan, kept with the item: its tasks' order and predecessors decide every move. */
  readonly plan: FulfilmentPlan;
  /** Null when no approval policy applied. */
  readonly approval: ApprovalProcess | null;
  readonly fulfilment: ItemFulfilment;
  readonly tasks: readonly FulfilmentTaskRecord[];
}

export type CommentVisibility = 'public' | 'internal';

/** A comment (public: the requester sees it) or a work note (internal), on the request, one item or one task. */
export interface RequestComment {
  readonly id: string;
  readonly visibility: CommentVisibility;
  readonly requestedItemId: string | null;
  readonly taskId: string | null;
  readonly text: string;
  readonly by: string;
  readonly at: Date;
}

/** A service request (REQ): one aggregate, one document, its items and their tasks inside. */
export interface ServiceRequest {
  readonly id: string;
  readonly number: string;
  /** The numeric part of `number`: the lists' stable sort key. */
  readonly seq: number;
  readonly state: RequestState;
  readonly requestedById: string;
  readonly requestedForId: string;
  readonly organisationId: string | null;
  readonly items: readonly RequestedItem[];
  readonly comments: readonly RequestComment[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A decision on a request: its new state and the events that say why, in order. */
export interface RequestDecision {
  readonly request: ServiceRequest;
  readonly events: readonly RequestEvent[];
}

export function taskState(item: RequestedItem, task: FulfilmentTaskRecord): TaskState {
  const state = item.fulfilment.tasks[task.key];
  if (state === undefined) throw new RangeError(`no state for task ${task.key}: one state per plan task`);
  return state;
}

export function itemFacts(item: RequestedItem): RequestedItemFacts {
  return {
    requestedItemId: item.id,
    number: item.number,
    state: item.fulfilment.state,
    catalogItemId: item.catalogItemId,
    catalogItemVersion: item.catalogItemVersion,
    name: item.name,
    serviceId: item.serviceId,
    offeringId: item.offeringId,
    quantity: item.quantity,
    ...(item.bundleId === null ? {} : { bundleId: item.bundleId }),
  };
}

export function taskFacts(item: RequestedItem, task: FulfilmentTaskRecord): FulfilmentTaskFacts {
  return {
    taskId: task.id,
    number: task.number,
    requestedItemId: item.id,
    key: task.key,
    name: task.name,
    state: taskState(item, task),
    groupId: task.groupId,
    groupOrgId: task.supplierOrgId,
    assigneeId: task.assigneeId,
  };
}

/** The request's own facts every event carries (its state after the event). */
export function requestFacts(request: ServiceRequest) {
  return {
    requestId: request.id,
    number: request.number,
    state: request.state,
    requestedById: request.requestedById,
    requestedForId: request.requestedForId,
    organisationId: request.organisationId,
  };
}

/** The undecided approvers of every item's pending levels: who finds the request among "my approvals". */
export function awaitingApproverIds(request: ServiceRequest): string[] {
  const ids = new Set<string>();
  for (const item of request.items) {
    if (item.approval?.outcome !== 'pending') continue;
    for (const level of item.approval.levels) {
      if (level.status !== 'pending') continue;
      for (const id of level.approverIds) if (!level.decisions.some((d) => (d.onBehalfOf ?? d.approverId) === id)) ids.add(id);
    }
  }
  return [...ids].sort();
}
