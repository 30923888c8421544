import { Injectable } from '@nestjs/common';
import { ClosedChangeStore } from '../../ports/projection-stores.port';
import { closedChangeOf } from '../../projections/closed-change';
import type { ProjectChangeOutcomeCommand } from './project-change-outcome.command';

/** Records a change's closing (model, group, services, close code, when) once, for the success score; other events are ignored. */
@Injectable()
export class ProjectChangeOutcomeHandler {
  constructor(private readonly closed: ClosedChangeStore) {}

  async execute(command: ProjectChangeOutcomeCommand): Promise<'applied' | 'duplicate' | 'ignored'> {
    const closed = closedChangeOf(command.event);
    return closed === null ? 'ignored' : this.closed.apply(closed, command.event);
  }
}
