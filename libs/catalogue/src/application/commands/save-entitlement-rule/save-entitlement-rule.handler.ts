import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CatalogueErrorCode, catalogueError, checkEntitlementRule, reviseEntitlementRule } from '../../../domain';
import type { EntitlementRule } from '../../../domain';
import { assertCatalogueAdmin } from '../../portfolio-access';
import { EntitlementRuleStore } from '../../ports/portfolio-stores.port';
import type { SaveEntitlementRuleCommand } from './save-entitlement-rule.command';

@Injectable()
export class SaveEntitlementRuleHandler {
  constructor(private readonly rules: EntitlementRuleStore) {}

  async execute(command: SaveEntitlementRuleCommand): Promise<EntitlementRule> {
    assertCatalogueAdmin(command.caller, 'manage entitlement rules');
    let rule: EntitlementRule;
    if (command.ruleId === null) {
      rule = { ...checkEntitlementRule(command.input), id: randomUUID() };
    } else {
      const current = (await this.rules.byIds([command.ruleId])).get(command.ruleId);
      if (current === undefined) throw catalogueError(CatalogueErrorCode.NotFound, `No entitlement rule ${command.ruleId}.`, { ruleId: command.ruleId });
      rule = reviseEntitlementRule(current, command.input);
    }
    await this.rules.put(rule);
    return rule;
  }
}
