import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import { TextSchema } from '../text';
import { defineTopic } from '../topic-registry';
import { At, Id, NullableId } from './incident.topic';

/** Fields every escalation event carries: which escalation, of which ticket, under which policy. */
function escalationEvent<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object(
    {
      ...properties,
      escalationId: Id,
      policyId: Id,
      /** The ticket's topic and id (an incident, a change, a request ...): where acknowledging leads. */
      ticketTopic: TextSchema({ minLength: 1, maxLength: 80 }),
      ticketId: Id,
      ticketNumber: Type.Union([TextSchema({ minLength: 1, maxLength: 40 }), Type.Null()]),
      /** The group whose on-call people level 1 pages. */
      groupId: NullableId,
      by: Id,
      at: At,
    },
    { additionalProperties: false },
  );
}

const Level = Type.Integer({ minimum: 1, maximum: 10 });
const PersonIds = Type.Array(Id, { maxItems: 200 });

/**
 * The notification context's stream (`itsm.notification.v1`). Escalations are keyed by the
 * escalation's id (one escalation's events stay in order); a reply is keyed by the ticket it
 * comments on, so the context owning the ticket applies it in the ticket's order.
 *
 * - `reply-received`: a person answered a notification mail; the context owning the ticket adds
 *   `body` as that person's comment (`causationId` of its event = this event's id, so nobody is
 *   notified about their own words). Auto-replies, bounces and our own mails never become one.
 * - `escalation-*`: an escalation policy run on one ticket: started (level 1 paged), a level due
 *   (published by the partition-owned timer when its delay passed unacknowledged), escalated (the
 *   next level paged), acknowledged (stops it), exhausted (the last level passed unacknowledged).
 */
export const notificationTopic = defineTopic({
  name: 'itsm.notification.v1',
  aggregate: 'notification',
  partitions: 12,
  events: {
    'itsm.notification.reply-received.v1': Type.Object(
      {
        replyId: Id,
        ticketTopic: TextSchema({ minLength: 1, maxLength: 80 }),
        ticketId: Id,
        /** The person who wrote the reply (the delivery's recipient, checked against the mail's From). */
        personId: Id,
        /** The reply's new text (quoted history and signatures cut off), plain text. */
        body: TextSchema({ minLength: 1, maxLength: 20_000 }),
        /** The delivery the person answered. */
        deliveryId: Id,
        by: Id,
        at: At,
      },
      { additionalProperties: false },
    ),
    'itsm.notification.escalation-started.v1': escalationEvent({ level: Level, pagedPersonIds: PersonIds, nextLevelAt: Type.Union([At, Type.Null()]) }),
    'itsm.notification.escalation-level-due.v1': escalationEvent({ level: Level, dueAt: At }),
    'itsm.notification.escalated.v1': escalationEvent({ level: Level, pagedPersonIds: PersonIds, nextLevelAt: Type.Union([At, Type.Null()]) }),
    'itsm.notification.escalation-acknowledged.v1': escalationEvent({ level: Level, acknowledgedBy: Id }),
    'itsm.notification.escalation-exhausted.v1': escalationEvent({ level: Level }),
  },
});
