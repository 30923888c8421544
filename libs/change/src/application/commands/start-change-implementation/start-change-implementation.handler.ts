import { Injectable } from '@nestjs/common';
import { startImplementation } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import type { StartChangeImplementationCommand } from './start-change-implementation.command';

@Injectable()
export class StartChangeImplementationHandler {
  constructor(private readonly changes: ChangeCommandRunner) {}

  execute(viewer: ChangeViewer, command: StartChangeImplementationCommand): Promise<Change> {
    return this.changes.runAs(viewer, command.changeId, 'work', (current, now) => startImplementation(current, viewer.userId, now));
  }
}
