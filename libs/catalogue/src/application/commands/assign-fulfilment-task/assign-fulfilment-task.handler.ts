import type { Principal } from '@itsm/platform/auth';
import { DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../../../domain/catalogue.errors';
import { assignRequestTask, findTask } from '../../../domain/request';
import type { ServiceRequest } from '../../../domain/request';
import { RequestAccess } from '../../request-access.service';
import { RequestCommandRunner } from '../../request-command-runner';
import { AssignFulfilmentTaskCommand } from './assign-fulfilment-task.command';

/** A member of the task's group assigns it to an active member of that group (CATALOGUE.INVALID_INPUT naming `assigneeId` otherwise). */
@Injectable()
export class AssignFulfilmentTaskHandler {
  constructor(
    private readonly runner: RequestCommandRunner,
    private readonly access: RequestAccess,
    private readonly directory: DirectoryProjection,
  ) {}

  execute(viewer: Principal, command: AssignFulfilmentTaskCommand): Promise<ServiceRequest> {
    return this.runner.runOnTask(command.taskId, {
      authorise: async (current) => {
        const { task } = findTask(current, command.taskId);
        await this.access.assertWorks(viewer, task);
        if (command.assigneeId !== null) await this.assertMember(command.assigneeId, task.groupId);
      },
      decide: (current, now) => assignRequestTask(current, command.taskId, command.assigneeId, viewer.userId, now),
    });
  }

  private async assertMember(assigneeId: string, groupId: string): Promise<void> {
    const group = (await this.directory.groups([groupId])).get(groupId);
    const person = (await this.directory.people([assigneeId])).get(assigneeId);
    if (group?.memberIds.includes(assigneeId) !== true || person?.active !== true) {
      throw catalogueError(CatalogueErrorCode.InvalidInput, `${assigneeId} is not an active member of group ${groupId}.`, { field: 'assigneeId', groupId });
    }
  }
}
