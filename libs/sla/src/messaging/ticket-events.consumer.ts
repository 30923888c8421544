import { incidentTopic, requestTopic } from '@itsm/contracts';
import { EventBusContext, EventConsumer } from '@itsm/platform/messaging';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import type { TicketChange } from '../application/commands/track-ticket/track-ticket.command';
import { TrackTicketHandler } from '../application/commands/track-ticket/track-ticket.handler';
import { SLA_TIMER_PARTITIONS } from '../application/timers/timer-partitions';
import type { IncidentEvent } from './incident-ticket-change';
import { incidentTicketChange } from './incident-ticket-change';
import type { RequestEvent } from './request-ticket-changes';
import { requestTicketChanges } from './request-ticket-changes';

/**
 * Follows the ticket topics (validated by the bus) into SLA histories and clocks: every incident's
 * events, and every service request's, for the request, its requested items and their fulfilment
 * tasks (requestTicketChanges). A ticket's timers run where its topic partition is consumed.
 */
@EventConsumer()
export class TicketEventsConsumer {
  constructor(
    private readonly track: TrackTicketHandler,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(incidentTopic.name)
  async onIncidentEvent(@Payload() envelope: IncidentEvent, @Ctx() context: EventBusContext): Promise<void> {
    await this.follow([incidentTicketChange(envelope)], SLA_TIMER_PARTITIONS.partition(incidentTopic.name, context.getEvent().partition), envelope);
  }

  @EventPattern(requestTopic.name)
  async onRequestEvent(@Payload() envelope: RequestEvent, @Ctx() context: EventBusContext): Promise<void> {
    await this.follow(requestTicketChanges(envelope), SLA_TIMER_PARTITIONS.partition(requestTopic.name, context.getEvent().partition), envelope);
  }

  private async follow(changes: readonly TicketChange[], partition: number, envelope: IncidentEvent | RequestEvent): Promise<void> {
    for (const change of changes) {
      const outcome = await this.track.execute({ change, partition });
      if (outcome === 'unknown_ticket') {
        this.logger.warn(
          { subject: envelope.subject, ticketType: change.ticketType, ticketId: change.ticketId, type: envelope.type, sequence: envelope.sequence },
          'SLA: event of a ticket whose opening was never seen; ignored',
        );
      }
    }
  }
}
