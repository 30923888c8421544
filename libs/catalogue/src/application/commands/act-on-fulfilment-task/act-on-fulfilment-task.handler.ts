import type { Principal } from '@itsm/platform/auth';
import { Injectable } from '@nestjs/common';
import { actOnRequestTask, findTask } from '../../../domain/request';
import type { ServiceRequest } from '../../../domain/request';
import { RequestAccess } from '../../request-access.service';
import { RequestCommandRunner } from '../../request-command-runner';
import { ActOnFulfilmentTaskCommand } from './act-on-fulfilment-task.command';

/**
 * A member of a task's group (a supplier agent only for its organisation's groups) moves the task;
 * the successors it frees open, a failure cancels what is left of the item, and item and request
 * roll up, each move its event in order.
 */
@Injectable()
export class ActOnFulfilmentTaskHandler {
  constructor(
    private readonly runner: RequestCommandRunner,
    private readonly access: RequestAccess,
  ) {}

  execute(viewer: Principal, command: ActOnFulfilmentTaskCommand): Promise<ServiceRequest> {
    return this.runner.runOnTask(command.taskId, {
      authorise: (current) => this.access.assertWorks(viewer, findTask(current, command.taskId).task),
      decide: (current, now) => actOnRequestTask(current, command.taskId, command.action, command.reason, viewer.userId, now),
    });
  }
}
