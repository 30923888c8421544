import { Injectable } from '@nestjs/common';
import { requestAuthorisation } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import type { RequestChangeAuthorisationCommand } from './request-change-authorisation.command';

@Injectable()
export class RequestChangeAuthorisationHandler {
  constructor(private readonly changes: ChangeCommandRunner) {}

  execute(viewer: ChangeViewer, command: RequestChangeAuthorisationCommand): Promise<Change> {
    return this.changes.runAs(viewer, command.changeId, 'edit', (current, now) => requestAuthorisation(current, viewer.userId, now));
  }
}
