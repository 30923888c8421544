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
      /**
       * The clock's breach instant on the business clock: for a warning, when that threshold was
       * reached; otherwise as the type says (the breach instant in force from the change it reports).
       */
      dueAt: At,
      /** When the engine emitted the event (for a warning or breach at or after dueAt). */
      at: At,
    },
    { additionalProperties: false },
  );
}

/** Business time the clock had used when the change happened, in milliseconds (paused time not counted). */
const ElapsedMs = Type.Integer({ minimum: 0 });

/** Why a clock no longer applies: the ticket was canceled, it left the definition's scope, or a reset state restarted it. */
export const SlaCancelReasonSchema = Type.Union([Type.Literal('ticket_canceled'), Type.Literal('no_longer_applies'), Type.Literal('reset')]);
export const SlaOutcomeSchema = Type.Union([Type.Literal('met'), Type.Literal('breached')]);

/**
 * The SLA stream (`itsm.sla.v1`), keyed by ticket id. Each warning and breach is emitted once per
 * clock attempt with a deterministic event id, so a re-emission after a crash or a partition
 * handover carries the same (source, id) and consumers drop it as a duplicate.
 *
 * Beside them, each clock attempt's lifecycle, once per change (deterministic ids too), under its
 * own source `/itsm/sla/lifecycle`: a stream per ticket with its own gap-free `sequence` (the
 * warnings and breaches, source `/itsm/sla`, number theirs). The latest lifecycle event of a
 * `clockId` (by sequence) is its state:
 * - `clock-started`: the clock started (`startedAt`, in the past when a definition attached to the
 *   ticket later and its clock counts from the ticket's start); `dueAt` the breach instant then.
 * - `clock-paused`: it stopped counting (`pausedAt`) until a `clock-rescheduled`, a
 *   `clock-stopped` or a `clock-canceled`; `dueAt` the breach instant the pause suspends.
 * - `clock-rescheduled`: it counts again (`resumedAt`: resumed from a pause, or reopened after a
 *   stop), `dueAt` the new breach instant (a past one if it had breached).
 * - `clock-stopped`: it reached its end (`stoppedAt`): `outcome` `breached` when the breach
 *   threshold was reached first or at the stop (`elapsedMs` >= `targetMs`, as `clock-breached`
 *   says), else `met`; `dueAt` the breach instant (reached, or when it would have been);
 *   `pausedMs` the business time it spent paused. A reopened ticket can resume a stopped clock
 *   (`clock-rescheduled`); its next stop is another `clock-stopped`.
 * - `clock-canceled`: it no longer applies (`reason`): counts as neither met nor breached. A live
 *   clock a policy change removes (its definition deactivated or no longer matching) is canceled
 *   `no_longer_applies` when the ticket is derived again (`canceledAt` then, `elapsedMs` as last derived).
 * `elapsedMs` is the business time used by then. Only the latest pause, resume and stop of a clock
 * are told when one derivation finds several (a definition attached with a retroactive start). A
 * change is told when the engine derives it from the ticket's events: `at` is then, the instant of
 * the change its own field.
 */
export const slaTopic = defineTopic({
  name: 'itsm.sla.v1',
  aggregate: 'sla',
  partitions: 12,
  events: {
    'itsm.sla.clock-warning.v1': clockEvent({ thresholdPercent: Type.Integer({ minimum: 1, maximum: 99 }) }),
    'itsm.sla.clock-breached.v1': clockEvent({}),
    'itsm.sla.clock-started.v1': clockEvent({ startedAt: At }),
    'itsm.sla.clock-paused.v1': clockEvent({ pausedAt: At, elapsedMs: ElapsedMs }),
    'itsm.sla.clock-rescheduled.v1': clockEvent({ resumedAt: At, elapsedMs: ElapsedMs }),
    'itsm.sla.clock-stopped.v1': clockEvent({ stoppedAt: At, outcome: SlaOutcomeSchema, elapsedMs: ElapsedMs, pausedMs: Type.Integer({ minimum: 0 }) }),
    'itsm.sla.clock-canceled.v1': clockEvent({ canceledAt: At, reason: SlaCancelReasonSchema, elapsedMs: ElapsedMs }),
  },
});
