import { incidentTopic } from '@itsm/contracts';
import { EventBusContext, EventConsumer } from '@itsm/platform/messaging';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { TrackTicketHandler } from '../application/commands/track-ticket/track-ticket.handler';
import type { IncidentEvent } from './incident-ticket-change';
import { incidentTicketChange } from './incident-ticket-change';

/** Follows every incident's events (validated by the bus) into its SLA history and clocks. */
@EventConsumer()
export class IncidentEventsConsumer {
  constructor(
    private readonly track: TrackTicketHandler,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(incidentTopic.name)
  async onIncidentEvent(@Payload() envelope: IncidentEvent, @Ctx() context: EventBusContext): Promise<void> {
    const outcome = await this.track.execute({ change: incidentTicketChange(envelope), partition: context.getEvent().partition });
    if (outcome === 'unknown_ticket') {
      this.logger.warn({ incidentId: envelope.subject, type: envelope.type, sequence: envelope.sequence }, 'SLA: event of an incident whose opening was never seen; ignored');
    }
  }
}
