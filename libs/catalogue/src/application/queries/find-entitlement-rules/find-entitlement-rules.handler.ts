import { Injectable } from '@nestjs/common';
import type { EntitlementRule } from '../../../domain';
import { assertCatalogueAdmin } from '../../portfolio-access';
import { EntitlementRuleStore } from '../../ports/portfolio-stores.port';
import type { FindEntitlementRulesQuery } from './find-entitlement-rules.query';

@Injectable()
export class FindEntitlementRulesHandler {
  constructor(private readonly rules: EntitlementRuleStore) {}

  execute(query: FindEntitlementRulesQuery): Promise<readonly EntitlementRule[]> {
    assertCatalogueAdmin(query.caller, 'read entitlement rules');
    return this.rules.list(query.first, query.after);
  }
}
