import { incidentTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventBatchPattern, EventConsumer } from '@itsm/platform/messaging';
import { Payload } from '@nestjs/microservices';
import { ChangeRequestProjector } from '../application/change-request-projector';
import { IncidentProjector } from '../application/incident-projector';

/**
 * Follows the incident stream (validated by the bus, one partition's run of events per call) into the incident facts: every event, once
 * (its sequence), in each incident's order; a failure is retried by the bus, then dead-lettered.
 * Its links to changes (caused by) feed the change report's caused incidents.
 */
@EventConsumer()
export class IncidentEventsConsumer {
  constructor(
    private readonly projector: IncidentProjector,
    private readonly links: ChangeRequestProjector,
  ) {}

  @EventBatchPattern(incidentTopic.name)
  async onIncidentEvents(@Payload() envelopes: readonly EventOf<typeof incidentTopic>[]): Promise<void> {
    await this.projector.apply(envelopes);
    await this.links.applyIncidentLinks(envelopes);
  }
}
