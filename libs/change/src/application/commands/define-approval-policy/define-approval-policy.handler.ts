import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { defineApprovalPolicy } from '../../../domain';
import type { ChangeApprovalPolicy } from '../../../domain';
import { ApprovalPolicyStore } from '../../ports/approval-stores.port';
import type { DefineApprovalPolicyCommand } from './define-approval-policy.command';

@Injectable()
export class DefineApprovalPolicyHandler {
  constructor(
    private readonly policies: ApprovalPolicyStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: DefineApprovalPolicyCommand): Promise<ChangeApprovalPolicy> {
    const policy = defineApprovalPolicy(randomBytes(12).toString('hex'), command.draft, command.by, this.clock.now());
    await this.policies.create(policy);
    return policy;
  }
}
