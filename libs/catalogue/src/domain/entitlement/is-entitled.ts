import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';
import { ruleMatches } from './entitlement-rule';
import type { EntitlementRule, RequesterProfile } from './entitlement-rule';

/** What entitlement needs of a catalogue item (the item record carries more). */
export interface EntitledItem {
  readonly id: string;
  readonly categoryIds: readonly string[];
  /** The rules that decide who may order it, by id; empty: internal people only. */
  readonly entitlementRuleIds: readonly string[];
  /** Its offering's customer organisations: when some are named, only their people may order it. */
  readonly customerOrgIds?: readonly string[];
}

export type EntitlementRules = ReadonlyMap<string, EntitlementRule>;

/**
 * Whether the requester may order (and see) the item:
 * 1. a matching `deny` rule of the item refuses, whatever grants;
 * 2. an item with no `grant` rules is orderable by every internal person (organisation kind
 *    `internal`) and by no customer or supplier person: opening an item to them is a rule's job;
 * 3. otherwise a matching `grant` rule is needed.
 * A rule id the item names but `rules` does not hold (a deleted rule) counts as a grant that matches
 * nobody: the item closes rather than opens to every internal person. `checkEntitlementRuleRefs`
 * keeps such ids out at save.
 * Whatever the rules, an item whose offering names customer organisations is closed to people of
 * any other organisation.
 */
export function isEntitled(item: EntitledItem, rules: EntitlementRules, profile: RequesterProfile): boolean {
  const customers = item.customerOrgIds ?? [];
  if (customers.length > 0 && (profile.organisationId === null || !customers.includes(profile.organisationId))) return false;
  let restricted = false;
  let granted = false;
  for (const id of item.entitlementRuleIds) {
    const rule = rules.get(id);
    if (rule?.effect === 'deny') {
      if (ruleMatches(rule, profile)) return false;
      continue;
    }
    restricted = true;
    if (rule !== undefined && ruleMatches(rule, profile)) granted = true;
  }
  return restricted ? granted : profile.organisationKind === 'internal';
}

/** CATALOGUE.NOT_ENTITLED naming the item unless the requester may order it. */
export function assertEntitled(item: EntitledItem, rules: EntitlementRules, profile: RequesterProfile): void {
  if (!isEntitled(item, rules, profile)) {
    throw catalogueError(CatalogueErrorCode.NotEntitled, `The requester may not order catalogue item ${item.id}.`, { itemId: item.id });
  }
}

/** An item's rule ids at save: distinct, in the given order; an id `rules` does not hold is CATALOGUE.NOT_FOUND naming it. */
export function checkEntitlementRuleRefs(ruleIds: readonly string[], rules: EntitlementRules): string[] {
  const unknown = ruleIds.find((id) => !rules.has(id));
  if (unknown !== undefined) throw catalogueError(CatalogueErrorCode.NotFound, `No entitlement rule ${unknown}.`, { ruleId: unknown });
  return [...new Set(ruleIds)];
}
