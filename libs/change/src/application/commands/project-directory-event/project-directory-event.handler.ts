import { directoryChange, DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain';
import type { ProjectDirectoryEventCommand } from './project-directory-event.command';

/**
 * Keeps the change context's directory projection current (the platform's DirectoryProjection):
 * applied at most once per record and in order of its sequence. Refuses
 * (CHANGE.INVALID_PROJECTION_EVENT) an event whose subject is not its record.
 */
@Injectable()
export class ProjectDirectoryEventHandler {
  constructor(private readonly projection: DirectoryProjection) {}

  execute(command: ProjectDirectoryEventCommand): Promise<'applied' | 'duplicate'> {
    const change = directoryChange(command.event, (message, eventId) => new ChangeError(ChangeErrorCode.InvalidProjectionEvent, message, { eventId }));
    return this.projection.apply(change, command.event);
  }
}
