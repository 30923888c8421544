import type { Principal } from '@itsm/platform/auth';
import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../../../domain/catalogue.errors';
import { decideItemApproval, REASON_MAX_LENGTH } from '../../../domain/request';
import type { ServiceRequest } from '../../../domain/request';
import { RequestCommandRunner } from '../../request-command-runner';
import { DecideRequestApprovalCommand } from './decide-request-approval.command';

/**
 * Records an approver's decision on a requested item (the engine's seats and level rules;
 * CATALOGUE.FORBIDDEN for someone without an undecided seat). Approved: the item's first tasks are
 * released; rejected: the item is rejected, its tasks canceled, the request rolled up.
 */
@Injectable()
export class DecideRequestApprovalHandler {
  constructor(private readonly runner: RequestCommandRunner) {}

  execute(viewer: Principal, command: DecideRequestApprovalCommand): Promise<ServiceRequest> {
    const comment = command.comment?.trim() ?? '';
    if (comment.length > REASON_MAX_LENGTH) throw catalogueError(CatalogueErrorCode.InvalidInput, `A comment has at most ${REASON_MAX_LENGTH} characters.`, { field: 'comment' });
    const input = { actorId: viewer.userId, onBehalfOf: null, decision: command.decision, comment: comment === '' ? null : comment, level: command.level };
    return this.runner.runOnItem(command.requestedItemId, {
      authorise: () => undefined,
      decide: (current, now) => decideItemApproval(current, command.requestedItemId, input, [], now),
    });
  }
}
