import type { Principal } from '@itsm/platform/auth';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CatalogueErrorCode, catalogueError } from '../../../domain/catalogue.errors';
import { addRequestComment, findTask } from '../../../domain/request';
import type { ServiceRequest } from '../../../domain/request';
import { RequestAccess } from '../../request-access.service';
import { RequestCommandRunner } from '../../request-command-runner';
import { AddRequestCommentCommand } from './add-request-comment.command';

/**
 * Who may write what: the requester (and the person it is for) public comments; fulfillers,
 * approvers and admins comments and work notes; a supplier agent only on a task it works.
 */
@Injectable()
export class AddRequestCommentHandler {
  constructor(
    private readonly runner: RequestCommandRunner,
    private readonly access: RequestAccess,
  ) {}

  execute(viewer: Principal, command: AddRequestCommentCommand): Promise<ServiceRequest> {
    return this.runner.run(command.requestId, {
      authorise: (current) => this.authorise(viewer, current, command),
      decide: (current, now) =>
        addRequestComment(current, { id: command.commentId ?? randomBytes(12).toString('hex'), visibility: command.visibility, requestedItemId: command.requestedItemId, taskId: command.taskId, text: command.text }, viewer.userId, now),
    });
  }

  private async authorise(viewer: Principal, request: ServiceRequest, command: AddRequestCommentCommand): Promise<void> {
    const relation = await this.access.relation(viewer, request);
    if (relation === null) {
      if (command.taskId === null || !(await this.access.works(viewer, findTask(request, command.taskId).task))) {
        throw catalogueError(CatalogueErrorCode.NotFound, `No request ${request.id}.`, { requestId: request.id });
      }
      return;
    }
    if (relation === 'requester' && command.visibility === 'internal') {
      throw catalogueError(CatalogueErrorCode.Forbidden, 'A requester writes public comments, not work notes.', { field: 'visibility' });
    }
  }
}
