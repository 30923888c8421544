import { directoryChange } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { IncidentError, IncidentErrorCode } from '../../../domain';
import { DirectoryProjectionStore } from '../../ports/directory-projection.port';
import type { ProjectDirectoryEventCommand } from './project-directory-event.command';

/**
 * Keeps the incident context's organisations, assignment groups and assignable people current
 * with the directory: at-least-once delivery, applied at most once per record and in order of
 * each record's sequence. Refuses (INCIDENT.INVALID_DIRECTORY_EVENT) an event whose subject is not its record.
 */
@Injectable()
export class ProjectDirectoryEventHandler {
  constructor(private readonly projection: DirectoryProjectionStore) {}

  execute(command: ProjectDirectoryEventCommand): Promise<'applied' | 'duplicate'> {
    return this.projection.apply(directoryChange(command.event, refuseDirectoryEvent), command.event);
  }
}

/** An event keyed by another record than the one it describes: INCIDENT.INVALID_DIRECTORY_EVENT. */
export function refuseDirectoryEvent(message: string, eventId: string): IncidentError {
  return new IncidentError(IncidentErrorCode.InvalidDirectoryEvent, message, { eventId });
}
