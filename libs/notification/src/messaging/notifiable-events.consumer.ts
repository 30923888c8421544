import { directoryTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { consumeWithCodedErrors, EventBusContext, EventConsumer } from '@itsm/platform/messaging';
import { directoryChange, DirectoryProjection } from '@itsm/platform/persistence';
import type { DirectoryEvent } from '@itsm/platform/persistence';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { NotifyOnEventCommand } from '../application/commands/notify-on-event/notify-on-event.command';
import { NotifyOnEventHandler } from '../application/commands/notify-on-event/notify-on-event.handler';
import { NOTIFICATION_ERROR_KINDS, NotificationErrorCode, notificationError } from '../domain';
import type { SourceEvent } from '../domain';
import { NOTIFIABLE_TOPICS } from '../notifiable-topics';

/** A consumed envelope as rules read it: the payload's `by` is the actor (`system`: nobody). */
export function sourceEventOf(envelope: EventEnvelope): SourceEvent {
  const data = typeof envelope.data === 'object' && envelope.data !== null ? (envelope.data as Record<string, unknown>) : {};
  const by = data['by'];
  return {
    id: envelope.id,
    topic: '',
    type: envelope.type,
    source: envelope.source,
    subject: envelope.subject,
    sequence: envelope.sequence,
    time: envelope.time,
    data,
    actorId: typeof by === 'string' && by !== 'system' ? by : null,
    causationId: envelope.causationid ?? null,
    correlationId: envelope.correlationid,
  };
}

/**
 * The one consumer of every notifiable topic (payloads checked by the bus): a directory event is
 * applied to the directory projection first (an event keyed by another record is refused with
 * NOTIFICATION.INVALID_PROJECTION_EVENT and dead-lettered), then every event goes to
 * `notify-on-event`. Coded errors are dead-lettered by their kind; anything else is retried.
 */
@EventConsumer()
export class NotifiableEventsConsumer {
  constructor(
    private readonly notify: NotifyOnEventHandler,
    private readonly directory: DirectoryProjection,
    private readonly clock: Clock,
  ) {}

  @EventPattern(NOTIFIABLE_TOPICS.map((topic) => topic.name))
  onEvent(@Payload() envelope: EventEnvelope, @Ctx() context: EventBusContext): Promise<void> {
    return consumeWithCodedErrors(NOTIFICATION_ERROR_KINDS, async () => {
      const { topic } = context.getEvent();
      if (topic === directoryTopic.name) {
        const refuse = (message: string, eventId: string) => notificationError(NotificationErrorCode.InvalidProjectionEvent, message, { eventId });
        await this.directory.apply(directoryChange(envelope as DirectoryEvent, refuse), envelope);
      }
      await this.notify.execute(new NotifyOnEventCommand({ ...sourceEventOf(envelope), topic }, this.clock.now().getTime()));
    });
  }
}

