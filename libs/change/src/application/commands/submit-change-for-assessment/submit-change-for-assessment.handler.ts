import { Injectable } from '@nestjs/common';
import { submitForAssessment } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import type { SubmitChangeForAssessmentCommand } from './submit-change-for-assessment.command';

@Injectable()
export class SubmitChangeForAssessmentHandler {
  constructor(private readonly changes: ChangeCommandRunner) {}

  execute(viewer: ChangeViewer, command: SubmitChangeForAssessmentCommand): Promise<Change> {
    return this.changes.runAs(viewer, command.changeId, 'edit', (current, now) => submitForAssessment(current, viewer.userId, now));
  }
}
