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
/** A mail address (the shape the notification context accepts for a contact: local part, @, dotted domain). */
const MailAddress = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s<>",;\\x00-\\x1f\\x7f]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$' });

/** The type strings consumers and producers name: written once, here. */
export const NOTIFICATION_EVENT_TYPES = {
  replyReceived: 'itsm.notification.reply-received.v1',
  endpointDisabled: 'itsm.notification.endpoint-disabled.v1',
  inAppDelivered: 'itsm.notification.in-app-delivered.v1',
} as const;

/**
 * The notification context's stream (`itsm.notification.v1`). Escalations are keyed by the
 * escalation's id (one escalation's events stay in order); a reply is keyed by the ticket it
 * comments on, so the context owning the ticket applies it in the ticket's order.
 *
 * - `reply-received`: a person answered a notification mail; the context owning the ticket adds
 *   `body` as that person's comment (`causationId` of its event = this event's id, so nobody is
 *   notified about their own words). Auto-replies, bounces and our own mails never become one.
 * - `endpoint-disabled`: a webhook, Slack or Teams endpoint was switched off (a 410 answer, a chat
 *   webhook gone for good, an admin), keyed by the endpoint's id: who is responsible for it (the user
 *   name that created it, or null) and the contact address an admin set (or null) are told.
 * - `in-app-delivered`: an entry arrived in a person's in-app inbox (at once, or when quiet hours
 *   deferring it ended), keyed by the delivery's id: who it is for (their directory id and user name)
 *   and its category, never its text (the inbox query `myNotification(id)` reads it, as its owner).
 *   The gateway's `notificationReceived` subscription follows it.
 * - `escalation-*`: an escalation policy run on one ticket: started (level 1 paged), a level due
 *   (published by the partition-owned timer when its delay passed unacknowledged), escalated (the
 *   next level paged), acknowledged (stops it), exhausted (the last level passed unacknowledged).
 */
export const notificationTopic = defineTopic({
  name: 'itsm.notification.v1',
  aggregate: 'notification',
  partitions: 12,
  events: {
    [NOTIFICATION_EVENT_TYPES.replyReceived]: Type.Object(
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
    [NOTIFICATION_EVENT_TYPES.endpointDisabled]: Type.Object(
      {
        endpointId: Id,
        name: TextSchema({ minLength: 1, maxLength: 200 }),
        channel: Type.Union([Type.Literal('webhook'), Type.Literal('slack'), Type.Literal('teams')]),
        /** Why: the answer that disabled it (`HTTP 410`, a chat webhook's repeated 404) or the admin who did. */
        reason: TextSchema({ minLength: 1, maxLength: 500 }),
        /** The user name (token subject) of who created the endpoint; null for endpoints created before owners were kept. */
        ownerUserName: Type.Union([TextSchema({ minLength: 1, maxLength: 254 }), Type.Null()]),
        /** The address an admin set to be told about the endpoint, or null. */
        contact: Type.Union([MailAddress, Type.Null()]),
        by: Id,
        at: At,
      },
      { additionalProperties: false },
    ),
    [NOTIFICATION_EVENT_TYPES.inAppDelivered]: Type.Object(
      {
        deliveryId: Id,
        /** The person whose inbox holds it (directory id) and their user name when the directory knows one. */
        personId: Id,
        userName: Type.Union([TextSchema({ minLength: 1, maxLength: 254 }), Type.Null()]),
        category: TextSchema({ minLength: 1, maxLength: 40 }),
        urgent: Type.Boolean(),
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
