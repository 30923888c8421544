import { Injectable } from '@nestjs/common';
import { updateChange } from '../../../domain';
import type { Change, ChangePatch, ChangeViewer } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import { ChangeReferences } from '../../change-references.service';
import type { UpdateChangeCommand } from './update-change.command';

@Injectable()
export class UpdateChangeHandler {
  constructor(
    private readonly changes: ChangeCommandRunner,
    private readonly references: ChangeReferences,
  ) {}

  execute(viewer: ChangeViewer, command: UpdateChangeCommand): Promise<Change> {
    const { patch } = command;
    return this.changes.runAs(viewer, command.changeId, 'edit', async (current, now) => {
      // Only what the patch names is checked again: a CI retired since does not block editing the title.
      const group = patch.assignmentGroupId !== undefined ? patch.assignmentGroupId : current.assignmentGroupId;
      const assignee = patch.assigneeId !== undefined ? patch.assigneeId : patch.assignmentGroupId !== undefined ? null : current.assigneeId;
      const regrouped = patch.assignmentGroupId !== undefined || patch.assigneeId !== undefined;
      const { assignedOrgId } = await this.references.check({
        ...(patch.configurationItemIds === undefined ? {} : { configurationItemIds: patch.configurationItemIds }),
        ...(patch.serviceIds === undefined ? {} : { serviceIds: patch.serviceIds }),
        ...(regrouped ? { assignmentGroupId: group, assigneeId: assignee } : {}),
      });
      const effective: ChangePatch = { ...patch, ...(regrouped ? { assignmentGroupId: group, assigneeId: assignee, assignedOrgId } : {}) };
      return updateChange(current, effective, viewer.userId, now);
    });
  }
}
