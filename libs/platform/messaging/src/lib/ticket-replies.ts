import type { ErrorKinds, EventOf, notificationTopic, PayloadOf, TopicDefinition } from '@itsm/contracts';
import { consumeWithCodedErrors } from './coded-error-delivery';

/** The event a verified answer to a notification mail becomes (keyed by the ticket it comments on). */
export const TICKET_REPLY_EVENT = 'itsm.notification.reply-received.v1';

/** A person's reply to a notification mail about a ticket: `body` becomes their comment, once per `replyId`. */
export type TicketReply = PayloadOf<typeof notificationTopic, typeof TICKET_REPLY_EVENT>;

/**
 * How a context owning tickets on `ticketTopic` consumes replies to notification mails: every other
 * event of `itsm.notification.v1`, and replies about another topic's tickets, are none of its
 * business; a reply about its own is applied (`apply` adds the comment as the replying person, once
 * per `replyId`, under the same access rules as a comment through GraphQL). A refusal coded
 * not-retryable by the context's `kinds` (an unknown ticket, a person who may not comment) is
 * dead-lettered with its code at once; anything else is retried. The comment's event carries this
 * event's id as causation (the consumer pipeline's correlation), so nobody is notified of their own reply.
 */
export async function consumeTicketReply<C extends string>(
  envelope: EventOf<typeof notificationTopic>,
  ticketTopic: TopicDefinition,
  kinds: ErrorKinds<C>,
  apply: (reply: TicketReply) => Promise<unknown>,
): Promise<void> {
  if (envelope.type !== TICKET_REPLY_EVENT || envelope.data.ticketTopic !== ticketTopic.name) return;
  const reply = envelope.data;
  await consumeWithCodedErrors(kinds, () => apply(reply));
}
