import { Injectable } from '@nestjs/common';
import { overrideBlackout } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import type { OverrideBlackoutCommand } from './override-blackout.command';

/** Records the override reason on an emergency change (an updated event and an audit entry). */
@Injectable()
export class OverrideBlackoutHandler {
  constructor(private readonly changes: ChangeCommandRunner) {}

  execute(viewer: ChangeViewer, command: OverrideBlackoutCommand): Promise<Change> {
    return this.changes.runAs(viewer, command.changeId, 'edit', (current, now) => overrideBlackout(current, command.reason, viewer.userId, now));
  }
}
