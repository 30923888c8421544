import { Injectable } from '@nestjs/common';
import { CmdbProjectionStore } from '../../ports/projection-stores.port';
import { cmdbChange } from '../../projections/cmdb-change';
import type { ProjectCmdbEventCommand } from './project-cmdb-event.command';

/**
 * Keeps the change context's CIs and relationships current with the CMDB: at-least-once delivery,
 * applied at most once per record and in order of its sequence. Refuses
 * (CHANGE.INVALID_PROJECTION_EVENT) an event whose subject is not its record.
 */
@Injectable()
export class ProjectCmdbEventHandler {
  constructor(private readonly projection: CmdbProjectionStore) {}

  execute(command: ProjectCmdbEventCommand): Promise<'applied' | 'duplicate'> {
    return this.projection.apply(cmdbChange(command.event), command.event);
  }
}
