import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { decideChangeApproval } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { ChangeCommandRunner } from '../../change-command-runner';
import { ApprovalDelegationStore } from '../../ports/approval-stores.port';
import type { DecideApprovalCommand } from './decide-approval.command';

/**
 * Entitlement is the approval's, not the caller's role: an approver of the pending level, or a
 * delegate of one at that instant; anyone else gets CHANGE.NOT_ENTITLED and nothing is written.
 * The decision, the next level's request, and the authorisation or rejection it causes are one write.
 */
@Injectable()
export class DecideApprovalHandler {
  constructor(
    private readonly changes: ChangeCommandRunner,
    private readonly delegations: ApprovalDelegationStore,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: ChangeViewer, command: DecideApprovalCommand): Promise<Change> {
    const delegations = await this.delegations.inForceFor(viewer.userId, this.clock.now());
    return this.changes.runFor(command.changeId, (current, now) =>
      decideChangeApproval(current, { actorId: viewer.userId, onBehalfOf: command.onBehalfOf, decision: command.decision, comment: command.comment, level: command.level }, delegations, now),
    );
  }
}
