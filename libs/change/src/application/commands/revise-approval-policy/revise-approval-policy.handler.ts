import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode, defineApprovalPolicy } from '../../../domain';
import type { ChangeApprovalPolicy } from '../../../domain';
import { ApprovalPolicyStore } from '../../ports/approval-stores.port';
import type { ReviseApprovalPolicyCommand } from './revise-approval-policy.command';

/** Changes apply to approvals opened afterwards: a running approval keeps the levels it started with. */
@Injectable()
export class ReviseApprovalPolicyHandler {
  constructor(
    private readonly policies: ApprovalPolicyStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: ReviseApprovalPolicyCommand): Promise<ChangeApprovalPolicy> {
    const current = await this.policies.byId(command.policyId);
    if (current === undefined) throw new ChangeError(ChangeErrorCode.PolicyNotFound, `approval policy ${command.policyId} not found`, { policyId: command.policyId });
    if (current.version !== command.expectedVersion) {
      throw new ChangeError(ChangeErrorCode.Conflict, `approval policy ${command.policyId} changed meanwhile (version ${current.version}); reload it`, { policyId: command.policyId });
    }
    const revised = defineApprovalPolicy(current.id, command.draft, command.by, this.clock.now(), current);
    await this.policies.save(revised, current.version);
    return revised;
  }
}
