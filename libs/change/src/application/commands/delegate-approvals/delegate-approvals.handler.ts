import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ChangeError, ChangeErrorCode, delegateApprovals } from '../../../domain';
import type { ApprovalDelegation } from '../../../domain';
import { ApprovalDelegationStore } from '../../ports/approval-stores.port';
import { People } from '../../ports/change-references.port';
import type { DelegateApprovalsCommand, DelegatingActor } from './delegate-approvals.command';

const FOR_OTHERS = ['admin', 'change-manager'];

export function mayDelegateFor(actor: DelegatingActor, delegatorId: string): boolean {
  return actor.userId === delegatorId || actor.roles.some((r) => FOR_OTHERS.includes(r));
}

@Injectable()
export class DelegateApprovalsHandler {
  constructor(
    private readonly delegations: ApprovalDelegationStore,
    private readonly people: People,
    private readonly clock: Clock,
  ) {}

  async execute(command: DelegateApprovalsCommand): Promise<ApprovalDelegation> {
    const { actor, request } = command;
    if (!mayDelegateFor(actor, request.delegatorId)) {
      throw new ChangeError(ChangeErrorCode.Forbidden, 'Only the approver themselves, a change manager or an administrator may delegate their approvals.', { delegatorId: request.delegatorId });
    }
    const delegation = delegateApprovals(randomBytes(12).toString('hex'), request, actor.userId, this.clock.now());
    const known = await this.people.people([request.delegatorId, request.delegateId]);
    for (const id of [request.delegatorId, request.delegateId]) {
      if (known.get(id)?.active !== true) throw new ChangeError(ChangeErrorCode.UnknownPerson, `person ${id} is unknown or inactive`, { personId: id });
    }
    await this.delegations.create(delegation);
    return delegation;
  }
}
