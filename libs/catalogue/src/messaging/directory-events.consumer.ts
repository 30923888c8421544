import { directoryTopic } from '@itsm/contracts';
import { consumeWithCodedErrors, EventConsumer } from '@itsm/platform/messaging';
import type { DirectoryEvent } from '@itsm/platform/persistence';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ProjectDirectoryEventCommand } from '../application/commands/project-directory-event/project-directory-event.command';
import { ProjectDirectoryEventHandler } from '../application/commands/project-directory-event/project-directory-event.handler';
import { CATALOGUE_ERROR_KINDS } from '../domain';

/**
 * Follows the people directory (its payloads checked by the bus) into the catalogue's people, groups
 * and organisations. An event the projection refuses is dead-lettered with its code at once;
 * anything else is retried.
 */
@EventConsumer()
export class DirectoryEventsConsumer {
  constructor(private readonly project: ProjectDirectoryEventHandler) {}

  @EventPattern(directoryTopic.name)
  onDirectoryEvent(@Payload() envelope: DirectoryEvent): Promise<void> {
    return consumeWithCodedErrors(CATALOGUE_ERROR_KINDS, () => this.project.execute(new ProjectDirectoryEventCommand(envelope)));
  }
}
