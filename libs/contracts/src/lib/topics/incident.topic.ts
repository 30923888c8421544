import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import { TextSchema } from '../text';
import { defineTopic } from '../topic-registry';

/**
 * The incident stream (`itsm.incident.v1`), keyed by incident id. Every payload carries the
 * incident's `state` after the event, who acted (`by`: a user id, or `system`) and when (`at`),
 * so a consumer (SLA clocks, notifications, suppliers) can follow a ticket from its own events.
 * Published payloads are frozen: an incompatible change is a new `.v2` event type.
 */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]*$' });
export const NullableId = Type.Union([Id, Type.Null()]);
export const At = Type.String({ format: 'date-time' });

export const IncidentStateSchema = Type.Union([
  Type.Literal('new'),
  Type.Literal('in_progress'),
  Type.Literal('on_hold'),
  Type.Literal('resolved'),
  Type.Literal('closed'),
  Type.Literal('canceled'),
]);
export const HoldReasonSchema = Type.Union([
  Type.Literal('awaiting_caller'),
  Type.Literal('awaiting_change'),
  Type.Literal('awaiting_problem'),
  Type.Literal('awaiting_vendor'),
]);
export const LinkKindSchema = Type.Union([
  Type.Literal('configuration_item'),
  Type.Literal('service'),
  Type.Literal('problem'),
  Type.Literal('change'),
]);
const Level = Type.Integer({ minimum: 1, maximum: 3 });
const Priority = Type.Integer({ minimum: 1, maximum: 5 });

/** Fields every incident event carries. */
function incidentEvent<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object(
    { ...properties, state: IncidentStateSchema, by: Id, at: At },
    { additionalProperties: false },
  );
}

export const incidentTopic = defineTopic({
  name: 'itsm.incident.v1',
  aggregate: 'incident',
  partitions: 12,
  events: {
    'itsm.incident.opened.v1': incidentEvent({
      number: Type.String({ pattern: '^INC[0-9]{7,}$' }),
      title: TextSchema({ minLength: 1, maxLength: 200 }),
      description: TextSchema({ maxLength: 20_000 }),
      callerId: Id,
      callerOrgId: NullableId,
      impact: Level,
      urgency: Level,
      priority: Priority,
      category: Type.Union([TextSchema({ minLength: 1, maxLength: 80 }), Type.Null()]),
      serviceId: NullableId,
      configurationItemIds: Type.Array(Id, { maxItems: 100 }),
      assignmentGroupId: NullableId,
      assignedOrgId: NullableId,
      assigneeId: NullableId,
    }),
    'itsm.incident.assigned.v1': incidentEvent({
      groupId: Id,
      orgId: NullableId,
      assigneeId: NullableId,
      previousGroupId: NullableId,
      previousOrgId: NullableId,
      previousAssigneeId: NullableId,
    }),
    'itsm.incident.work-started.v1': incidentEvent({}),
    'itsm.incident.put-on-hold.v1': incidentEvent({ reason: HoldReasonSchema }),
    'itsm.incident.resumed.v1': incidentEvent({
      trigger: Type.Union([Type.Literal('manual'), Type.Literal('caller_reply')]),
    }),
    'itsm.incident.resolved.v1': incidentEvent({
      resolutionCode: TextSchema({ minLength: 1, maxLength: 80 }),
      resolutionNotes: TextSchema({ minLength: 1, maxLength: 20_000 }),
      cause: Type.Union([Type.Literal('manual'), Type.Literal('parent'), Type.Literal('problem')]),
      causeId: NullableId,
    }),
    'itsm.incident.reopened.v1': incidentEvent({
      reason: TextSchema({ minLength: 1, maxLength: 2_000 }),
      reopenCount: Type.Integer({ minimum: 1 }),
    }),
    'itsm.incident.closed.v1': incidentEvent({ automatic: Type.Boolean() }),
    'itsm.incident.canceled.v1': incidentEvent({ reason: TextSchema({ minLength: 1, maxLength: 2_000 }) }),
    'itsm.incident.reprioritised.v1': incidentEvent({
      impact: Level,
      urgency: Level,
      priority: Priority,
      previousImpact: Level,
      previousUrgency: Level,
      previousPriority: Priority,
      cause: Type.Union([Type.Literal('impact_urgency'), Type.Literal('matrix_change')]),
    }),
    'itsm.incident.note-added.v1': incidentEvent({
      noteId: Id,
      kind: Type.Union([Type.Literal('work_note'), Type.Literal('comment')]),
      body: TextSchema({ minLength: 1, maxLength: 20_000 }),
    }),
    'itsm.incident.linked.v1': incidentEvent({ kind: LinkKindSchema, targetId: Id }),
    'itsm.incident.unlinked.v1': incidentEvent({ kind: LinkKindSchema, targetId: Id }),
    'itsm.incident.parent-changed.v1': incidentEvent({ parentId: NullableId, previousParentId: NullableId }),
    'itsm.incident.major-proposed.v1': incidentEvent({
      reasons: Type.Array(TextSchema({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 10 }),
    }),
    'itsm.incident.major-promoted.v1': incidentEvent({}),
    'itsm.incident.major-declined.v1': incidentEvent({ reason: TextSchema({ minLength: 1, maxLength: 2_000 }) }),
  },
});
