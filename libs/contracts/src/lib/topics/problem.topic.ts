import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import { TextSchema } from '../text';
import { defineTopic } from '../topic-registry';
import { At, Id, NullableId } from './incident.topic';

export const ProblemStateSchema = Type.Union([
  Type.Literal('new'),
  Type.Literal('assess'),
  Type.Literal('root_cause_analysis'),
  Type.Literal('fix_in_progress'),
  Type.Literal('resolved'),
  Type.Literal('closed'),
  Type.Literal('canceled'),
]);

function problemEvent<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object({ ...properties, state: ProblemStateSchema, by: Id, at: At }, { additionalProperties: false });
}

/** The problem stream (`itsm.problem.v1`), keyed by problem id; known errors are problems with a recorded root cause. */
export const problemTopic = defineTopic({
  name: 'itsm.problem.v1',
  aggregate: 'problem',
  partitions: 6,
  events: {
    'itsm.problem.opened.v1': problemEvent({
      number: Type.String({ pattern: '^PRB[0-9]{7,}$' }),
      title: TextSchema({ minLength: 1, maxLength: 200 }),
      description: TextSchema({ maxLength: 20_000 }),
      impact: Type.Integer({ minimum: 1, maximum: 3 }),
      urgency: Type.Integer({ minimum: 1, maximum: 3 }),
      priority: Type.Integer({ minimum: 1, maximum: 5 }),
      assignmentGroupId: NullableId,
      serviceId: NullableId,
      configurationItemIds: Type.Array(Id, { maxItems: 100 }),
    }),
    'itsm.problem.assigned.v1': problemEvent({ groupId: Id, orgId: NullableId, assigneeId: NullableId }),
    'itsm.problem.advanced.v1': problemEvent({
      from: ProblemStateSchema,
    }),
    'itsm.problem.known-error-recorded.v1': problemEvent({
      symptom: TextSchema({ minLength: 1, maxLength: 20_000 }),
      rootCause: TextSchema({ minLength: 1, maxLength: 20_000 }),
      workaround: TextSchema({ minLength: 1, maxLength: 20_000 }),
    }),
    'itsm.problem.resolved.v1': problemEvent({
      resolutionNotes: TextSchema({ minLength: 1, maxLength: 20_000 }),
      fixChangeId: NullableId,
    }),
    'itsm.problem.closed.v1': problemEvent({}),
    'itsm.problem.canceled.v1': problemEvent({ reason: TextSchema({ minLength: 1, maxLength: 2_000 }) }),
  },
});
