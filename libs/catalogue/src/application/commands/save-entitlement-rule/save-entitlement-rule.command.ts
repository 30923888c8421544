import type { EntitlementRuleInput } from '../../../domain';
import type { PortfolioCaller } from '../../portfolio-access';

/** A catalogue admin creates (`ruleId` null) or revises an entitlement rule (its effect stays). */
export class SaveEntitlementRuleCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly ruleId: string | null,
    readonly input: EntitlementRuleInput,
  ) {}
}
