import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../../../domain';
import { assertCatalogueAdmin } from '../../portfolio-access';
import { EntitlementRuleStore } from '../../ports/portfolio-stores.port';
import type { DeleteEntitlementRuleCommand } from './delete-entitlement-rule.command';

@Injectable()
export class DeleteEntitlementRuleHandler {
  constructor(private readonly rules: EntitlementRuleStore) {}

  async execute(command: DeleteEntitlementRuleCommand): Promise<void> {
    assertCatalogueAdmin(command.caller, 'manage entitlement rules');
    if (!(await this.rules.remove(command.ruleId))) throw catalogueError(CatalogueErrorCode.NotFound, `No entitlement rule ${command.ruleId}.`, { ruleId: command.ruleId });
  }
}
