import { notificationTopic, requestTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { consumeTicketReply, EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AddRequestReplyCommand } from '../application/commands/add-request-reply/add-request-reply.command';
import { AddRequestReplyHandler } from '../application/commands/add-request-reply/add-request-reply.handler';
import { CATALOGUE_ERROR_KINDS } from '../domain';

/**
 * Replies to notification mails about requests (`itsm.notification.v1` `reply-received`, keyed by
 * the request) become the replying person's public comments, once per reply (the platform's
 * `consumeTicketReply`: an unknown request or a person who may not comment is dead-lettered with
 * its code; the comment's event carries the reply's id as causation, so nobody is notified of their own reply).
 */
@EventConsumer()
export class NotificationRepliesConsumer {
  constructor(private readonly addReply: AddRequestReplyHandler) {}

  @EventPattern(notificationTopic.name)
  onNotificationEvent(@Payload() envelope: EventOf<typeof notificationTopic>): Promise<void> {
    return consumeTicketReply(envelope, requestTopic, CATALOGUE_ERROR_KINDS, (reply) => this.addReply.execute(new AddRequestReplyCommand(reply.ticketId, reply.replyId, reply.personId, reply.body)));
  }
}
