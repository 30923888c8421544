import { Injectable } from '@nestjs/common';
import { completeImplementation } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import type { CompleteChangeImplementationCommand } from './complete-change-implementation.command';

@Injectable()
export class CompleteChangeImplementationHandler {
  constructor(private readonly changes: ChangeCommandRunner) {}

  execute(viewer: ChangeViewer, command: CompleteChangeImplementationCommand): Promise<Change> {
    return this.changes.runAs(viewer, command.changeId, 'work', (current, now) => completeImplementation(current, viewer.userId, now));
  }
}
