import { directoryChange, DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { CatalogueError, CatalogueErrorCode } from '../../../domain';
import type { ProjectDirectoryEventCommand } from './project-directory-event.command';

/**
 * Keeps the catalogue's directory projection current (the platform's DirectoryProjection): service
 * owners, requesters and their managers, approval and fulfilment groups, supplier organisations.
 * Refuses (CATALOGUE.INVALID_PROJECTION_EVENT) an event whose subject is not its record.
 */
@Injectable()
export class ProjectDirectoryEventHandler {
  constructor(private readonly projection: DirectoryProjection) {}

  execute(command: ProjectDirectoryEventCommand): Promise<'applied' | 'duplicate'> {
    const change = directoryChange(command.event, (message, eventId) => new CatalogueError(CatalogueErrorCode.InvalidProjectionEvent, message, { eventId }));
    return this.projection.apply(change, command.event);
  }
}
