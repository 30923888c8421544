import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import { recordSubject } from '../record-subject';
import { TextSchema } from '../text';
import { defineTopic } from '../topic-registry';
import { At, Id, NullableId } from './incident.topic';

export const ChangeModelSchema = Type.Union([Type.Literal('standard'), Type.Literal('normal'), Type.Literal('emergency')]);
export const ChangeStateSchema = Type.Union([
  Type.Literal('new'),
  Type.Literal('assess'),
  Type.Literal('authorize'),
  Type.Literal('scheduled'),
  Type.Literal('implement'),
  Type.Literal('review'),
  Type.Literal('closed'),
  Type.Literal('canceled'),
]);
export const ChangeCloseCodeSchema = Type.Union([
  Type.Literal('successful'),
  Type.Literal('successful_with_issues'),
  Type.Literal('failed'),
  Type.Literal('backed_out'),
]);
export const ChangeRiskLevelSchema = Type.Union([Type.Literal('low'), Type.Literal('moderate'), Type.Literal('high'), Type.Literal('very_high')]);
export const ApprovalDecisionSchema = Type.Union([Type.Literal('approved'), Type.Literal('rejected')]);
export const CabDecisionSchema = Type.Union([Type.Literal('authorise'), Type.Literal('reject'), Type.Literal('defer')]);

const NullableAt = Type.Union([At, Type.Null()]);
const Reason = TextSchema({ minLength: 1, maxLength: 2_000 });
const NullableReason = Type.Union([Reason, Type.Null()]);

function changeEvent<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object({ ...properties, by: Id, at: At }, { additionalProperties: false });
}

/** What decided a change's risk: the rule or questionnaire that gave the highest level. */
export const RiskExplanationSchema = Type.Object(
  {
    level: ChangeRiskLevelSchema,
    /** `rule`: an admin risk rule matched; `questionnaire`: the weighted answers; `default`: neither raised it. */
    decidedBy: Type.Union([Type.Literal('rule'), Type.Literal('questionnaire'), Type.Literal('default')]),
    ruleId: NullableId,
    /** Human words for the decision ("critical service Payments affected", "questionnaire score 14 >= 12"). */
    reason: TextSchema({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

/** A change's state after the event (plans' texts stay in the change context; read them through GraphQL). */
const changeFacts = {
  changeId: Id,
  number: Type.String({ pattern: '^CHG[0-9]{7,}$' }),
  model: ChangeModelSchema,
  state: ChangeStateSchema,
  title: TextSchema({ minLength: 1, maxLength: 200 }),
  templateId: NullableId,
  requesterId: Id,
  assignmentGroupId: NullableId,
  /** The supplier organisation of the assignment group (SIAM), when it is one. */
  assignedOrgId: NullableId,
  assigneeId: NullableId,
  configurationItemIds: Type.Array(Id, { maxItems: 100 }),
  serviceIds: Type.Array(Id, { maxItems: 50 }),
  plannedStart: NullableAt,
  plannedEnd: NullableAt,
  actualStart: NullableAt,
  actualEnd: NullableAt,
  risk: Type.Union([RiskExplanationSchema, Type.Null()]),
  closeCode: Type.Union([ChangeCloseCodeSchema, Type.Null()]),
  /** An emergency change authorised after its implementation started. */
  retrospectivelyAuthorised: Type.Boolean(),
};

/** One CAB meeting item's outcome, as the minutes list it. */
const MinutesItem = Type.Object(
  { changeId: Id, number: Type.String({ pattern: '^CHG[0-9]{7,}$' }), decision: Type.Union([CabDecisionSchema, Type.Null()]), reason: NullableReason },
  { additionalProperties: false },
);

/**
 * Change enablement (`itsm.change.v1`). Changes are keyed by `changeSubject('change', id)`, CAB
 * meetings by `changeSubject('cab-meeting', id)`, unauthorised-change records by
 * `changeSubject('unauthorised-change', id)`; in order per subject (the envelope's sequence). Every
 * change event carries the change's whole state after it (`changeFacts`), so a consumer
 * (notifications, reporting, suppliers) keeps the latest by sequence without the history.
 */
export const changeTopic = defineTopic({
  name: 'itsm.change.v1',
  aggregate: 'change',
  partitions: 12,
  events: {
    'itsm.change.requested.v1': changeEvent(changeFacts),
    'itsm.change.updated.v1': changeEvent({ ...changeFacts, changed: Type.Array(TextSchema({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 30 }) }),
    /** Every move between states: assess, authorize, schedule, implement, review, close, cancel, revert to new. */
    'itsm.change.state-changed.v1': changeEvent({ ...changeFacts, previousState: ChangeStateSchema, reason: NullableReason }),
    'itsm.change.risk-assessed.v1': changeEvent(changeFacts),
    /** A level of the change's approval policy now waits for decisions. */
    'itsm.change.approval-requested.v1': changeEvent({
      ...changeFacts,
      level: Type.Integer({ minimum: 0, maximum: 19 }),
      levelName: TextSchema({ minLength: 1, maxLength: 120 }),
      approverIds: Type.Array(Id, { maxItems: 1_000 }),
    }),
    'itsm.change.approval-decided.v1': changeEvent({
      ...changeFacts,
      level: Type.Integer({ minimum: 0, maximum: 19 }),
      approverId: Id,
      /** The person the approver stood in for (a delegate deciding), else null. */
      onBehalfOf: NullableId,
      decision: ApprovalDecisionSchema,
      comment: Type.Union([TextSchema({ minLength: 1, maxLength: 2_000 }), Type.Null()]),
      /** The level's outcome after this decision. */
      levelOutcome: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
    }),
    'itsm.change.reviewed.v1': changeEvent({ ...changeFacts, outcome: ChangeCloseCodeSchema, lessons: TextSchema({ maxLength: 20_000 }) }),
    /** A pipeline asked the deployment gate about one of the change's CIs. */
    'itsm.change.gate-answered.v1': changeEvent({
      ...changeFacts,
      ciId: Id,
      pipeline: TextSchema({ minLength: 1, maxLength: 200 }),
      allowed: Type.Boolean(),
      reason: Reason,
    }),
    'itsm.change.cab-decision-recorded.v1': changeEvent({
      meetingId: Id,
      occurrenceStart: At,
      changeId: Id,
      decision: CabDecisionSchema,
      reason: NullableReason,
    }),
    'itsm.change.cab-minutes-published.v1': changeEvent({
      meetingId: Id,
      name: TextSchema({ minLength: 1, maxLength: 200 }),
      occurrenceStart: At,
      attendeeIds: Type.Array(Id, { maxItems: 500 }),
      items: Type.Array(MinutesItem, { maxItems: 500 }),
    }),
    /** Discovery changed a CI while no authorised change on it was implementing. */
    'itsm.change.unauthorised-change-detected.v1': changeEvent({
      recordId: Id,
      ciId: Id,
      ciName: TextSchema({ minLength: 1, maxLength: 200 }),
      source: Type.String({ minLength: 1, maxLength: 64 }),
      attributes: Type.Array(TextSchema({ minLength: 1, maxLength: 63 }), { minItems: 1, maxItems: 210 }),
    }),
    /** The change manager dealt with an unauthorised-change record: acknowledged it with a note, or linked it to the change that covers it. */
    'itsm.change.unauthorised-change-resolved.v1': changeEvent({
      recordId: Id,
      ciId: Id,
      resolution: Type.Union([Type.Literal('acknowledged'), Type.Literal('linked')]),
      note: NullableReason,
      /** The change it was linked to (`linked`), else null. */
      changeId: NullableId,
    }),
  },
});

/** The change context's kinds of record, each its own event stream per record. */
export type ChangeRecordKind = 'change' | 'cab-meeting' | 'unauthorised-change';

/**
 * The subject (Kafka key) of a change-context record's events, and its document's `_id`.
 */
export function changeSubject(kind: ChangeRecordKind, id: string): string {
  return recordSubject(`change-${kind}`, id);
}
