import { Injectable } from '@nestjs/common';
import { authorise } from '../../../domain';
import type { Change } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import type { AuthoriseChangeCommand } from './authorise-change.command';

/** Called by the approval engine and the CAB (no GraphQL mutation of its own: their decisions are the authority). */
@Injectable()
export class AuthoriseChangeHandler {
  constructor(private readonly changes: ChangeCommandRunner) {}

  execute(command: AuthoriseChangeCommand): Promise<Change> {
    return this.changes.runFor(command.changeId, (current, now) => authorise(current, command.reason, command.by, now));
  }
}
