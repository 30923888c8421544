import { Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain';
import { ApprovalPolicyStore } from '../../ports/approval-stores.port';
import type { DeleteApprovalPolicyCommand } from './delete-approval-policy.command';

@Injectable()
export class DeleteApprovalPolicyHandler {
  constructor(private readonly policies: ApprovalPolicyStore) {}

  async execute(command: DeleteApprovalPolicyCommand): Promise<void> {
    if (!(await this.policies.remove(command.policyId))) {
      throw new ChangeError(ChangeErrorCode.PolicyNotFound, `approval policy ${command.policyId} not found`, { policyId: command.policyId });
    }
  }
}
