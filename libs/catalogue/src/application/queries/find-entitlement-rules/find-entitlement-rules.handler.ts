import { Injectable } from '@nestjs/common';
import type { EntitlementRule } from '../../../domain';
import { assertCatalogueAdmin } from '../../portfolio-access';
import { EntitlementRuleStore } from '../../ports/portfolio-stores.port';
import type { CataloguePage } from '../../ports/portfolio-stores.port';
import type { FindEntitlementRulesQuery } from './find-entitlement-rules.query';

@Injectable()
export class FindEntitlementRulesHandler {
  constructor(private readonly rules: EntitlementRuleStore) {}

  async execute(query: FindEntitlementRulesQuery): Promise<CataloguePage<EntitlementRule>> {
    assertCatalogueAdmin(query.caller, 'read entitlement rules');
    const found = await this.rules.list(query.first + 1, query.after);
    return { items: found.slice(0, query.first), hasNextPage: found.length > query.first };
  }
}
