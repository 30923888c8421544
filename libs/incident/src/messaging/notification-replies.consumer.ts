import { incidentTopic, notificationTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { consumeTicketReply, EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AddReplyCommentCommand } from '../application/commands/add-reply-comment/add-reply-comment.command';
import { AddReplyCommentHandler } from '../application/commands/add-reply-comment/add-reply-comment.handler';
import { INCIDENT_ERROR_KINDS } from '../domain';

/**
 * Replies to notification mails about incidents (`itsm.notification.v1` `reply-received`, keyed by
 * the incident) become the replying person's comments, once per reply (the platform's
 * `consumeTicketReply`: an unknown incident or a person who may not comment is dead-lettered with
 * its code; the note's event carries the reply's id as causation). Problems take no replies: they
 * have no comments, and the notification context mints no reply address for them.
 */
@EventConsumer()
export class NotificationRepliesConsumer {
  constructor(private readonly addReply: AddReplyCommentHandler) {}

  @EventPattern(notificationTopic.name)
  onNotificationEvent(@Payload() envelope: EventOf<typeof notificationTopic>): Promise<void> {
    return consumeTicketReply(envelope, incidentTopic, INCIDENT_ERROR_KINDS, (reply) => this.addReply.execute(new AddReplyCommentCommand(reply.ticketId, reply.replyId, reply.personId, reply.body)));
  }
}
