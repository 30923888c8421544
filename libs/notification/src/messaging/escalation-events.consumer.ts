import { notificationTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { consumeWithCodedErrors, EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PassEscalationLevelHandler } from '../application/commands/pass-escalation-level/pass-escalation-level.handler';
import { PageEscalationLevelHandler } from '../application/commands/page-escalation-level/page-escalation-level.handler';
import { NOTIFICATION_ERROR_KINDS } from '../domain';

type NotificationEvent = EventOf<typeof notificationTopic>;

/**
 * Follows the escalations on itsm.notification.v1 (its payloads checked by the bus): a paged level
 * is sent and its timer armed; acknowledged or exhausted releases the timer; a level falling due
 * pages the next level unless someone acknowledged. Replies are the ticket contexts' to apply.
 */
@EventConsumer()
export class EscalationEventsConsumer {
  constructor(
    private readonly page: PageEscalationLevelHandler,
    private readonly pass: PassEscalationLevelHandler,
    private readonly clock: Clock,
  ) {}

  @EventPattern(notificationTopic.name)
  onNotificationEvent(@Payload() envelope: NotificationEvent): Promise<void> {
    const now = this.clock.now().getTime();
    return consumeWithCodedErrors(NOTIFICATION_ERROR_KINDS, async () => {
      switch (envelope.type) {
        case 'itsm.notification.escalation-started.v1':
        case 'itsm.notification.escalated.v1':
        case 'itsm.notification.escalation-acknowledged.v1':
        case 'itsm.notification.escalation-exhausted.v1':
          return this.page.execute(envelope, now);
        case 'itsm.notification.escalation-level-due.v1':
          return this.pass.execute({ escalationId: envelope.data.escalationId, level: envelope.data.level }, envelope, now);
        case 'itsm.notification.reply-received.v1':
          return undefined;
      }
    });
  }
}
