import { ApprovalError, validatePolicy } from '@itsm/approval';
import type { ApprovalPolicy } from '@itsm/approval';
import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, approvalRefusal, catalogueError } from '../../../domain';
import { assertCatalogueAdmin } from '../../portfolio-access';
import { GoLivePolicyStore } from '../../ports/portfolio-stores.port';
import type { SaveGoLivePolicyCommand } from './save-go-live-policy.command';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;

@Injectable()
export class SaveGoLivePolicyHandler {
  constructor(private readonly policies: GoLivePolicyStore) {}

  async execute(command: SaveGoLivePolicyCommand): Promise<ApprovalPolicy> {
    assertCatalogueAdmin(command.caller, 'manage portfolio-steering policies');
    if (!ID.test(command.policy.id)) throw catalogueError(CatalogueErrorCode.InvalidInput, 'policy id is malformed', { field: 'id', value: command.policy.id });
    let policy: ApprovalPolicy;
    try {
      policy = validatePolicy(command.policy);
    } catch (error) {
      throw approvalRefusal(error, { field: String(error instanceof ApprovalError ? (error.details['path'] ?? 'policy') : 'policy'), policy: command.policy.id });
    }
    await this.policies.put(policy);
    return policy;
  }
}
