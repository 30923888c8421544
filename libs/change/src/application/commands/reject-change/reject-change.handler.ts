import { Injectable } from '@nestjs/common';
import { reject } from '../../../domain';
import type { Change } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import type { RejectChangeCommand } from './reject-change.command';

/** Called by the approval engine and the CAB when their decision refuses the change. */
@Injectable()
export class RejectChangeHandler {
  constructor(private readonly changes: ChangeCommandRunner) {}

  execute(command: RejectChangeCommand): Promise<Change> {
    return this.changes.runFor(command.changeId, (current, now) => reject(current, command.reason, command.by, now));
  }
}
