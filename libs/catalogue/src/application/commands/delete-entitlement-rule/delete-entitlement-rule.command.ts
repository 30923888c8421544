import type { PortfolioCaller } from '../../portfolio-access';

/**
 * A catalogue admin deletes a rule. Items still naming it close to the people it granted (a missing
 * grant rule matches nobody, see isEntitled); a deleted deny rule stops denying.
 */
export class DeleteEntitlementRuleCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly ruleId: string,
  ) {}
}
