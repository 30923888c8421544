import { Injectable } from '@nestjs/common';
import { close } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import type { CloseChangeCommand } from './close-change.command';

@Injectable()
export class CloseChangeHandler {
  constructor(private readonly changes: ChangeCommandRunner) {}

  execute(viewer: ChangeViewer, command: CloseChangeCommand): Promise<Change> {
    return this.changes.runAs(viewer, command.changeId, 'work', (current, now) => close(current, command.closeCode, command.notes, viewer.userId, now));
  }
}
