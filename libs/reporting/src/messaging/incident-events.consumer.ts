import { incidentTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { IncidentProjector } from '../application/incident-projector';

/**
 * Follows the incident stream (validated by the bus) into the incident facts: every event, once
 * (its sequence), in each incident's order; a failure is retried by the bus, then dead-lettered.
 */
@EventConsumer()
export class IncidentEventsConsumer {
  constructor(private readonly projector: IncidentProjector) {}

  @EventPattern(incidentTopic.name)
  onIncidentEvent(@Payload() envelope: EventOf<typeof incidentTopic>): Promise<void> {
    return this.projector.apply([envelope]);
  }
}
