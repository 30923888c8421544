import { cmdbChange, CmdbProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { CatalogueError, CatalogueErrorCode } from '../../../domain';
import type { ProjectCmdbEventCommand } from './project-cmdb-event.command';

/**
 * Keeps the catalogue's CMDB projection current (the platform's CmdbProjection): the CIs form values
 * of type configuration-item and services' CMDB service CIs must name. Relationships are not kept
 * (`ignored`). Refuses (CATALOGUE.INVALID_PROJECTION_EVENT) an event whose subject is not its record.
 */
@Injectable()
export class ProjectCmdbEventHandler {
  constructor(private readonly projection: CmdbProjection) {}

  async execute(command: ProjectCmdbEventCommand): Promise<'applied' | 'duplicate' | 'ignored'> {
    const change = cmdbChange(command.event, (message, eventId) => new CatalogueError(CatalogueErrorCode.InvalidProjectionEvent, message, { eventId }));
    if (change.kind === 'relationship') return 'ignored';
    return this.projection.apply(change, command.event);
  }
}
