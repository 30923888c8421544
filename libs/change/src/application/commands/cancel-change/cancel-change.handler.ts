import { Injectable } from '@nestjs/common';
import { cancel } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import type { CancelChangeCommand } from './cancel-change.command';

@Injectable()
export class CancelChangeHandler {
  constructor(private readonly changes: ChangeCommandRunner) {}

  execute(viewer: ChangeViewer, command: CancelChangeCommand): Promise<Change> {
    return this.changes.runAs(viewer, command.changeId, 'manage', (current, now) => cancel(current, command.reason, viewer.userId, now));
  }
}
