import { Injectable } from '@nestjs/common';
import { revertToNew } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import type { RevertChangeToNewCommand } from './revert-change-to-new.command';

@Injectable()
export class RevertChangeToNewHandler {
  constructor(private readonly changes: ChangeCommandRunner) {}

  execute(viewer: ChangeViewer, command: RevertChangeToNewCommand): Promise<Change> {
    return this.changes.runAs(viewer, command.changeId, 'manage', (current, now) => revertToNew(current, command.reason, viewer.userId, now));
  }
}
