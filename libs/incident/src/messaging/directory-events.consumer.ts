import { directoryTopic, isRetryableKind } from '@itsm/contracts';
import { EventConsumer, MessagingError, MessagingErrorCode } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ProjectDirectoryEventCommand } from '../application/commands/project-directory-event/project-directory-event.command';
import { ProjectDirectoryEventHandler } from '../application/commands/project-directory-event/project-directory-event.handler';
import type { DirectoryEvent } from '../domain';
import { INCIDENT_ERROR_KINDS, IncidentError } from '../domain';

/**
 * Follows the people directory (its payloads checked by the bus) into the incident context's
 * organisations, assignment groups and assignable people. An event the projection refuses is
 * dead-lettered with its code at once (retrying cannot cure it); anything else is retried.
 */
@EventConsumer()
export class DirectoryEventsConsumer {
  constructor(private readonly project: ProjectDirectoryEventHandler) {}

  @EventPattern(directoryTopic.name)
  async onDirectoryEvent(@Payload() envelope: DirectoryEvent): Promise<void> {
    try {
      await this.project.execute(new ProjectDirectoryEventCommand(envelope));
    } catch (error) {
      if (error instanceof IncidentError && !isRetryableKind(INCIDENT_ERROR_KINDS[error.code])) {
        throw new MessagingError(MessagingErrorCode.HandlerFailed, `${error.code}: ${error.message}`, false);
      }
      throw error;
    }
  }
}
