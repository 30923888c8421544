import { Injectable } from '@nestjs/common';
import { recordReview } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import type { ReviewChangeCommand } from './review-change.command';

@Injectable()
export class ReviewChangeHandler {
  constructor(private readonly changes: ChangeCommandRunner) {}

  execute(viewer: ChangeViewer, command: ReviewChangeCommand): Promise<Change> {
    return this.changes.runAs(viewer, command.changeId, 'work', (current, now) => recordReview(current, command.outcome, command.lessons, viewer.userId, now));
  }
}
