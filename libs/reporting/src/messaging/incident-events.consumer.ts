import { incidentTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ChangeRequestProjector } from '../application/change-request-projector';
import { IncidentProjector } from '../application/incident-projector';

/**
 * Follows the incident stream (validated by the bus) into the incident facts: every event, once
 * (its sequence), in each incident's order; a failure is retried by the bus, then dead-lettered.
 * Its links to changes (caused by) feed the change report's caused incidents.
 */
@EventConsumer()
export class IncidentEventsConsumer {
  constructor(
    private readonly projector: IncidentProjector,
    private readonly links: ChangeRequestProjector,
  ) {}

  @EventPattern(incidentTopic.name)
  async onIncidentEvent(@Payload() envelope: EventOf<typeof incidentTopic>): Promise<void> {
    await this.projector.apply([envelope]);
    await this.links.applyIncidentLinks([envelope]);
  }
}
