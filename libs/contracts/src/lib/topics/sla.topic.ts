import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import { TextSchema } from '../text';
import { defineTopic } from '../topic-registry';
import { At, Id, NullableId } from './incident.topic';

export const AgreementKindSchema = Type.Union([Type.Literal('SLA'), Type.Literal('OLA'), Type.Literal('UC')]);
export const SlaTargetSchema = Type.Union([Type.Literal('response'), Type.Literal('resolution')]);
/**
 * The ticket a clock runs on: an incident (`itsm.incident.v1`), or a service request, requested item
 * or fulfilment task (`itsm.request.v1`). Consumers act on the types they know and ignore the rest.
 */
export const SlaTicketTypeSchema = Type.Union([Type.Literal('incident'), Type.Literal('request'), Type.Literal('requested_item'), Type.Literal('task')]);

/** What every clock event says about the clock and its ticket. */
function clockEvent<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object(
    {
      ...properties,
      ticketType: SlaTicketTypeSchema,
      ticketId: Id,
      ticketNumber: TextSchema({ minLength: 1, maxLength: 40 }),
      clockId: TextSchema({ minLength: 1, maxLength: 160 }),
      definitionId: Id,
      definitionName: TextSchema({ minLength: 1, maxLength: 200 }),
      kind: AgreementKindSchema,
      target: SlaTargetSchema,
      /** The business time the target allows, in milliseconds. */
      targetMs: Type.Integer({ minimum: 1 }),
      /** The supplier organisation or group whose assignment segment this clock measures (OLA/UC), or null. */
      segmentOrgId: NullableId,
      segmentGroupId: NullableId,
      /** When the threshold was reached on the business clock. */
      dueAt: At,
      /** When the engine emitted the event (at or after dueAt). */
      at: At,
    },
    { additionalProperties: false },
  );
}

/**
 * The SLA stream (`itsm.sla.v1`), keyed by ticket id. Each warning and breach is emitted once per
 * clock attempt with a deterministic event id, so a re-emission after a crash or a partition
 * handover carries the same (source, id) and consumers drop it as a duplicate.
 */
export const slaTopic = defineTopic({
  name: 'itsm.sla.v1',
  aggregate: 'sla',
  partitions: 12,
  events: {
    'itsm.sla.clock-warning.v1': clockEvent({ thresholdPercent: Type.Integer({ minimum: 1, maximum: 99 }) }),
    'itsm.sla.clock-breached.v1': clockEvent({}),
  },
});
