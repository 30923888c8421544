import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DeleteEntitlementRuleCommand } from '../application/commands/delete-entitlement-rule/delete-entitlement-rule.command';
import { DeleteEntitlementRuleHandler } from '../application/commands/delete-entitlement-rule/delete-entitlement-rule.handler';
import { DeleteGoLivePolicyCommand } from '../application/commands/delete-go-live-policy/delete-go-live-policy.command';
import { DeleteGoLivePolicyHandler } from '../application/commands/delete-go-live-policy/delete-go-live-policy.handler';
import { SaveEntitlementRuleCommand } from '../application/commands/save-entitlement-rule/save-entitlement-rule.command';
import { SaveEntitlementRuleHandler } from '../application/commands/save-entitlement-rule/save-entitlement-rule.handler';
import { SaveGoLivePolicyCommand } from '../application/commands/save-go-live-policy/save-go-live-policy.command';
import { SaveGoLivePolicyHandler } from '../application/commands/save-go-live-policy/save-go-live-policy.handler';
import { FindEntitlementRulesHandler } from '../application/queries/find-entitlement-rules/find-entitlement-rules.handler';
import { FindEntitlementRulesQuery } from '../application/queries/find-entitlement-rules/find-entitlement-rules.query';
import { catalogueErrorFilter } from './catalogue-error.filter';
import { approvalPolicyOf, portfolioPage, ruleCursor, toRuleGql } from './portfolio-graphql.mapper';
import { CatalogApprovalPolicyInput, EntitlementRuleGqlInput } from './portfolio.inputs';
import { CATALOGUE_ADMINS } from './portfolio-role-sets';
import { EntitlementRuleConnectionGql, EntitlementRuleGql } from './portfolio.types';

/** Catalogue admins' rules: who may order (entitlement rules) and who takes a service live (steering policies). */
@Resolver(() => EntitlementRuleGql)
@UseFilters(catalogueErrorFilter)
export class EntitlementRuleResolver {
  constructor(
    private readonly finder: FindEntitlementRulesHandler,
    private readonly saver: SaveEntitlementRuleHandler,
    private readonly deleter: DeleteEntitlementRuleHandler,
    private readonly policySaver: SaveGoLivePolicyHandler,
    private readonly policyDeleter: DeleteGoLivePolicyHandler,
  ) {}

  @Query(() => EntitlementRuleConnectionGql, { description: 'Entitlement rules by name' })
  @Roles(...CATALOGUE_ADMINS)
  async entitlementRules(
    @CurrentPrincipal() caller: Principal,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionOf<EntitlementRuleGql>> {
    const request = portfolioPage('crule', { first, after }, 500);
    return toConnection(await this.finder.execute(new FindEntitlementRulesQuery(caller, request.first, request.after)), ruleCursor, toRuleGql);
  }

  @Mutation(() => EntitlementRuleGql, { description: 'Creates (no id) or revises a rule; its effect stays' })
  @Roles(...CATALOGUE_ADMINS)
  async saveEntitlementRule(@CurrentPrincipal() caller: Principal, @Args('input') input: EntitlementRuleGqlInput, @Args('id', { type: () => ID, nullable: true }) id?: string | null): Promise<EntitlementRuleGql> {
    return toRuleGql(await this.saver.execute(new SaveEntitlementRuleCommand(caller, id ?? null, input)));
  }

  @Mutation(() => Boolean, { description: 'Deletes a rule: items naming it close to those it granted' })
  @Roles(...CATALOGUE_ADMINS)
  async deleteEntitlementRule(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.deleter.execute(new DeleteEntitlementRuleCommand(caller, id));
    return true;
  }

  @Mutation(() => ID, { description: 'Creates or replaces a portfolio-steering (go-live) policy; answers its id' })
  @Roles(...CATALOGUE_ADMINS)
  async saveServiceGoLivePolicy(@CurrentPrincipal() caller: Principal, @Args('input') input: CatalogApprovalPolicyInput): Promise<string> {
    return (await this.policySaver.execute(new SaveGoLivePolicyCommand(caller, approvalPolicyOf(input, 'input')))).id;
  }

  @Mutation(() => Boolean)
  @Roles(...CATALOGUE_ADMINS)
  async deleteServiceGoLivePolicy(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.policyDeleter.execute(new DeleteGoLivePolicyCommand(caller, id));
    return true;
  }
}
