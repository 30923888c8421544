import { incidentTopic, notificationTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { consumeWithCodedErrors, EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AddReplyCommentCommand } from '../application/commands/add-reply-comment/add-reply-comment.command';
import { AddReplyCommentHandler } from '../application/commands/add-reply-comment/add-reply-comment.handler';
import { INCIDENT_ERROR_KINDS } from '../domain';

type NotificationEnvelope = EventOf<typeof notificationTopic>;

/**
 * Replies to notification mails about incidents (`itsm.notification.v1` `reply-received`, keyed by
 * the incident) become the replying person's comments, once per reply. An unknown incident or a
 * person who may not comment is dead-lettered with its code at once; anything else is retried.
 * The note's event carries this event's id as causation, so nobody is notified of their own reply.
 */
@EventConsumer()
export class NotificationRepliesConsumer {
  constructor(private readonly addReply: AddReplyCommentHandler) {}

  @EventPattern(notificationTopic.name)
  async onNotificationEvent(@Payload() envelope: NotificationEnvelope): Promise<void> {
    if (envelope.type !== 'itsm.notification.reply-received.v1' || envelope.data.ticketTopic !== incidentTopic.name) return;
    const { ticketId, replyId, personId, body } = envelope.data;
    await consumeWithCodedErrors(INCIDENT_ERROR_KINDS, () => this.addReply.execute(new AddReplyCommentCommand(ticketId, replyId, personId, body)));
  }
}
