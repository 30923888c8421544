import { incidentTopic } from '@itsm/contracts';
import { consumeWithCodedErrors, EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ProjectIncidentEventCommand } from '../application/commands/project-incident-event/project-incident-event.command';
import { ProjectIncidentEventHandler } from '../application/commands/project-incident-event/project-incident-event.handler';
import type { IncidentEvent } from '../application/projections/incident-change-links';
import { CHANGE_ERROR_KINDS } from '../domain';

/**
 * Follows the incident stream (its payloads checked by the bus) into the incidents changes caused:
 * openings, reprioritisations, `change` links and cancellations; other events are ignored.
 */
@EventConsumer()
export class IncidentEventsConsumer {
  constructor(private readonly project: ProjectIncidentEventHandler) {}

  @EventPattern(incidentTopic.name)
  onIncidentEvent(@Payload() envelope: IncidentEvent): Promise<void> {
    return consumeWithCodedErrors(CHANGE_ERROR_KINDS, () => this.project.execute(new ProjectIncidentEventCommand(envelope)));
  }
}
