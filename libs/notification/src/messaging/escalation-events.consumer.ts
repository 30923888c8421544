import { NOTIFICATION_EVENT_TYPES, notificationTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { consumeWithCodedErrors, EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PassEscalationLevelHandler } from '../application/commands/pass-escalation-level/pass-escalation-level.handler';
import { NotifyOnEventCommand } from '../application/commands/notify-on-event/notify-on-event.command';
import { NotifyOnEventHandler } from '../application/commands/notify-on-event/notify-on-event.handler';
import { PageEscalationLevelHandler } from '../application/commands/page-escalation-level/page-escalation-level.handler';
import { NOTIFICATION_ERROR_KINDS } from '../domain';
import { sourceEventOf } from './notifiable-events.consumer';

type NotificationEvent = EventOf<typeof notificationTopic>;

/**
 * Follows the context's own stream itsm.notification.v1 (its payloads checked by the bus): a paged
 * level is sent and its timer armed; acknowledged or exhausted releases the timer; a level falling
 * due pages the next level unless someone acknowledged. A disabled endpoint goes to the rules like
 * any notifiable event (the built-in rule tells its owner and contact; a redelivery is planned with
 * the same keys, so it sends nothing twice). Replies are the ticket contexts' to apply.
 */
@EventConsumer()
export class EscalationEventsConsumer {
  constructor(
    private readonly page: PageEscalationLevelHandler,
    private readonly pass: PassEscalationLevelHandler,
    private readonly notify: NotifyOnEventHandler,
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
        case NOTIFICATION_EVENT_TYPES.endpointDisabled:
          return this.notify.execute(new NotifyOnEventCommand({ ...sourceEventOf(envelope), topic: notificationTopic.name }, now));
        // Replies are the ticket's context's; inbox arrivals are for the gateway's subscriptions.
        case NOTIFICATION_EVENT_TYPES.replyReceived:
        case NOTIFICATION_EVENT_TYPES.inAppDelivered:
          return undefined;
      }
    });
  }
}
