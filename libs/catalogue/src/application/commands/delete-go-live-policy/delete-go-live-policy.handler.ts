import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../../../domain';
import { assertCatalogueAdmin } from '../../portfolio-access';
import { GoLivePolicyStore } from '../../ports/portfolio-stores.port';
import type { DeleteGoLivePolicyCommand } from './delete-go-live-policy.command';

@Injectable()
export class DeleteGoLivePolicyHandler {
  constructor(private readonly policies: GoLivePolicyStore) {}

  async execute(command: DeleteGoLivePolicyCommand): Promise<void> {
    assertCatalogueAdmin(command.caller, 'manage portfolio-steering policies');
    if (!(await this.policies.remove(command.policyId))) throw catalogueError(CatalogueErrorCode.NotFound, `No portfolio-steering policy ${command.policyId}.`, { policyId: command.policyId });
  }
}
