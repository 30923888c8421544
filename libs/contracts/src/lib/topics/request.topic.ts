import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import { recordSubject } from '../record-subject';
import { TextSchema } from '../text';
import { defineTopic } from '../topic-registry';
import { At, Id, NullableId } from './incident.topic';

export const RequestStateSchema = Type.Union([Type.Literal('open'), Type.Literal('closed_complete'), Type.Literal('closed_incomplete'), Type.Literal('canceled')]);
export const RequestedItemStateSchema = Type.Union([
  Type.Literal('awaiting_approval'),
  Type.Literal('approved'),
  Type.Literal('in_fulfilment'),
  Type.Literal('closed_complete'),
  Type.Literal('closed_incomplete'),
  Type.Literal('canceled'),
  Type.Literal('rejected'),
]);
export const FulfilmentTaskStateSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('open'),
  Type.Literal('in_progress'),
  Type.Literal('closed_complete'),
  Type.Literal('closed_failed'),
  Type.Literal('closed_skipped'),
  Type.Literal('canceled'),
]);

const NullableReason = Type.Union([TextSchema({ minLength: 1, maxLength: 2_000 }), Type.Null()]);

/** The request's state after the event: who ordered it, for whom. */
const requestFacts = {
  requestId: Id,
  number: Type.String({ pattern: '^REQ[0-9]{7,}$' }),
  state: RequestStateSchema,
  /** Who ordered (a person id). */
  requestedById: Id,
  /** Who it is for (the orderer, or someone they ordered on behalf of). */
  requestedForId: Id,
  /** The organisation of the person it is for, when the directory knows it. */
  organisationId: NullableId,
};

/** A requested item (RITM) after the event: the catalogue item and version it was ordered under. */
export const RequestedItemFactsSchema = Type.Object(
  {
    requestedItemId: Id,
    number: Type.String({ pattern: '^RITM[0-9]{7,}$' }),
    state: RequestedItemStateSchema,
    catalogItemId: Id,
    catalogItemVersion: Type.Integer({ minimum: 1 }),
    name: TextSchema({ minLength: 1, maxLength: 200 }),
    serviceId: NullableId,
    offeringId: NullableId,
    quantity: Type.Integer({ minimum: 1, maximum: 1_000 }),
    /** The catalogue bundle it was ordered through; absent when it was ordered on its own. */
    bundleId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

/** A fulfilment task (TASK) after the event: its group and, for a supplier group, the supplier organisation (SIAM). */
export const FulfilmentTaskFactsSchema = Type.Object(
  {
    taskId: Id,
    number: Type.String({ pattern: '^TASK[0-9]{7,}$' }),
    requestedItemId: Id,
    /** The plan's key for the task (stable across the item's versions). */
    key: TextSchema({ minLength: 1, maxLength: 64 }),
    name: TextSchema({ minLength: 1, maxLength: 200 }),
    state: FulfilmentTaskStateSchema,
    groupId: Id,
    groupOrgId: NullableId,
    assigneeId: NullableId,
  },
  { additionalProperties: false },
);

function requestEvent<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object({ ...requestFacts, ...properties, by: Id, at: At }, { additionalProperties: false });
}

/**
 * Service requests (`itsm.request.v1`), keyed by request id: a request's events, its items' and
 * their tasks' included, are in order on one partition. Every event carries the request's state
 * after it and the item or task it is about, so a consumer (SLA clocks on requests, items and
 * tasks; notifications; the supplier exchange) follows them without calling the catalogue.
 * Variables stay in the catalogue: a supplier reads its task's through GraphQL.
 */
export const requestTopic = defineTopic({
  name: 'itsm.request.v1',
  aggregate: 'request',
  partitions: 12,
  events: {
    'itsm.request.submitted.v1': requestEvent({ items: Type.Array(RequestedItemFactsSchema, { minItems: 1, maxItems: 50 }) }),
    /** A level of a requested item's approval now waits for decisions. */
    'itsm.request.approval-requested.v1': requestEvent({
      item: RequestedItemFactsSchema,
      level: Type.Integer({ minimum: 0, maximum: 19 }),
      levelName: TextSchema({ minLength: 1, maxLength: 120 }),
      approverIds: Type.Array(Id, { maxItems: 1_000 }),
    }),
    'itsm.request.approval-decided.v1': requestEvent({
      item: RequestedItemFactsSchema,
      level: Type.Integer({ minimum: 0, maximum: 19 }),
      approverId: Id,
      onBehalfOf: NullableId,
      decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]),
      comment: NullableReason,
      levelOutcome: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
    }),
    'itsm.request.item-state-changed.v1': requestEvent({ item: RequestedItemFactsSchema, previousState: RequestedItemStateSchema, reason: NullableReason }),
    /** A task was created (previousState null: it starts pending or open) or moved. */
    'itsm.request.task-state-changed.v1': requestEvent({
      item: RequestedItemFactsSchema,
      task: FulfilmentTaskFactsSchema,
      previousState: Type.Union([FulfilmentTaskStateSchema, Type.Null()]),
      reason: NullableReason,
    }),
    'itsm.request.task-assigned.v1': requestEvent({ item: RequestedItemFactsSchema, task: FulfilmentTaskFactsSchema, previousAssigneeId: NullableId }),
    'itsm.request.state-changed.v1': requestEvent({ previousState: RequestStateSchema, reason: NullableReason }),
    /** A comment (visible to the requester) or a work note (internal), on the request, an item or a task. */
    'itsm.request.comment-added.v1': requestEvent({
      commentId: Id,
      visibility: Type.Union([Type.Literal('public'), Type.Literal('internal')]),
      requestedItemId: NullableId,
      taskId: NullableId,
      text: TextSchema({ minLength: 1, maxLength: 20_000 }),
    }),
  },
});

/** The subject (Kafka key) of a service request's events (its items' and tasks' included), and its document's `_id`. */
export function requestSubject(requestId: string): string {
  return recordSubject('request', requestId);
}
