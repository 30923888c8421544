import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain';
import type { ApprovalDelegation } from '../../../domain';
import { ApprovalDelegationStore } from '../../ports/approval-stores.port';
import { mayDelegateFor } from '../delegate-approvals/delegate-approvals.handler';
import type { RevokeApprovalDelegationCommand } from './revoke-approval-delegation.command';

@Injectable()
export class RevokeApprovalDelegationHandler {
  constructor(
    private readonly delegations: ApprovalDelegationStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: RevokeApprovalDelegationCommand): Promise<ApprovalDelegation> {
    const notFound = new ChangeError(ChangeErrorCode.DelegationNotFound, `delegation ${command.delegationId} not found`, { delegationId: command.delegationId });
    const current = await this.delegations.byId(command.delegationId);
    // Someone else's delegation is answered as absent (no existence leak).
    if (current === undefined || !mayDelegateFor(command.actor, current.delegatorId)) throw notFound;
    const revoked = await this.delegations.revoke(current.id, this.clock.now());
    if (revoked === undefined) throw notFound;
    return revoked;
  }
}
