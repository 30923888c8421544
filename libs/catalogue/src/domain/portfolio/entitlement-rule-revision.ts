import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';
import { checkEntitlementRule } from '../entitlement';
import type { EntitlementRule, EntitlementRuleInput } from '../entitlement';

/**
 * A rule's new criteria. Its effect stays what it was created with: items record which of their
 * rules grant (the browse selects by it), so turning a grant into a deny is a new rule.
 */
export function reviseEntitlementRule(current: EntitlementRule, input: EntitlementRuleInput): EntitlementRule {
  const checked = checkEntitlementRule({ ...input, effect: input.effect ?? current.effect });
  if (checked.effect !== current.effect) {
    throw catalogueError(CatalogueErrorCode.InvalidInput, `Rule ${current.id} is a ${current.effect} rule; create a new rule to ${checked.effect}.`, { field: 'effect', rule: current.id, value: checked.effect });
  }
  return { ...checked, id: current.id };
}
