import type { EntitlementRule, OrganisationKind, RequesterProfile } from './entitlement-rule';
import { isEntitled } from './is-entitled';
import type { EntitledItem } from './is-entitled';

export interface EntitledItemsFilter {
  /** Only items in this category. */
  readonly categoryId?: string;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set === undefined) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/**
 * The entitled catalogue of any requester, answered from memory: built once from every orderable
 * item and every rule, then kept current one item or one rule at a time (the caller puts only live
 * items in, and removes an item when it is retired or withdrawn).
 *
 * Per rule it keeps the items that name it, and per criterion value (organisation id, organisation
 * kind, role, group id) the rules that list it. A browse looks up the requester's few matching
 * rules, unions the items of the matching grant rules (plus the items without grant rules for an
 * internal person) and removes the items of the matching deny rules. The answer is, by
 * construction and by spec, `isEntitled` over every item.
 */
export class EntitlementIndex {
  private readonly items = new Map<string, EntitledItem>();
  private readonly rules = new Map<string, EntitlementRule>();
  /** Rule id (known or not) -> the items naming it. */
  private readonly itemsByRule = new Map<string, Set<string>>();
  private readonly itemsByCategory = new Map<string, Set<string>>();
  /** Items without grant rules: every internal person may order them, unless a deny rule of theirs matches. */
  private readonly internalByDefault = new Set<string>();
  private readonly rulesByOrganisation = new Map<string, Set<string>>();
  private readonly rulesByKind = new Map<OrganisationKind, Set<string>>();
  private readonly rulesByRole = new Map<string, Set<string>>();
  private readonly rulesByGroup = new Map<string, Set<string>>();

  static build(items: Iterable<EntitledItem>, rules: Iterable<EntitlementRule>): EntitlementIndex {
    const index = new EntitlementIndex();
    for (const rule of rules) index.putRule(rule);
    for (const item of items) index.putItem(item);
    return index;
  }

  get itemCount(): number {
    return this.items.size;
  }

  /** The ids of the items the requester may order, in no particular order (the caller sorts its page). */
  entitledItems(profile: RequesterProfile, filter: EntitledItemsFilter = {}): string[] {
    const result = new Set<string>(profile.organisationKind === 'internal' ? this.internalByDefault : []);
    const denies: string[] = [];
    for (const ruleId of this.matchingRules(profile)) {
      if (this.rules.get(ruleId)?.effect === 'deny') denies.push(ruleId);
      else for (const itemId of this.itemsByRule.get(ruleId) ?? []) result.add(itemId);
    }
    for (const ruleId of denies) for (const itemId of this.itemsByRule.get(ruleId) ?? []) result.delete(itemId);
    if (filter.categoryId === undefined) return [...result];
    const inCategory = this.itemsByCategory.get(filter.categoryId) ?? new Set<string>();
    return [...result].filter((itemId) => inCategory.has(itemId));
  }

  /** Whether the requester may order the item; false for an item the index does not hold. */
  isEntitled(itemId: string, profile: RequesterProfile): boolean {
    const item = this.items.get(itemId);
    return item !== undefined && isEntitled(item, this.rules, profile);
  }

  /** The items that name the rule (a handler refuses to delete a rule still in use), sorted. */
  itemsUsingRule(ruleId: string): string[] {
    return [...(this.itemsByRule.get(ruleId) ?? [])].sort();
  }

  /** Adds the item or replaces the one with its id. */
  putItem(item: EntitledItem): void {
    this.removeItem(item.id);
    this.items.set(item.id, item);
    for (const ruleId of item.entitlementRuleIds) addTo(this.itemsByRule, ruleId, item.id);
    for (const categoryId of item.categoryIds) addTo(this.itemsByCategory, categoryId, item.id);
    this.classify(item.id);
  }

  removeItem(itemId: string): void {
    const item = this.items.get(itemId);
    if (item === undefined) return;
    for (const ruleId of item.entitlementRuleIds) removeFrom(this.itemsByRule, ruleId, itemId);
    for (const categoryId of item.categoryIds) removeFrom(this.itemsByCategory, categoryId, itemId);
    this.internalByDefault.delete(itemId);
    this.items.delete(itemId);
  }

  /** Adds the rule or replaces the one with its id (criteria and effect may both change). */
  putRule(rule: EntitlementRule): void {
    this.unindexRule(rule.id);
    this.rules.set(rule.id, rule);
    for (const id of rule.organisationIds) addTo(this.rulesByOrganisation, id, rule.id);
    for (const kind of rule.organisationKinds) addTo(this.rulesByKind, kind, rule.id);
    for (const role of rule.roles) addTo(this.rulesByRole, role, rule.id);
    for (const id of rule.groupIds) addTo(this.rulesByGroup, id, rule.id);
    this.reclassifyItemsOf(rule.id);
  }

  /** Forgets the rule; items still naming it close to everyone (see `isEntitled`). */
  removeRule(ruleId: string): void {
    this.unindexRule(ruleId);
    this.reclassifyItemsOf(ruleId);
  }

  private unindexRule(ruleId: string): void {
    const rule = this.rules.get(ruleId);
    if (rule === undefined) return;
    for (const id of rule.organisationIds) removeFrom(this.rulesByOrganisation, id, ruleId);
    for (const kind of rule.organisationKinds) removeFrom(this.rulesByKind, kind, ruleId);
    for (const role of rule.roles) removeFrom(this.rulesByRole, role, ruleId);
    for (const id of rule.groupIds) removeFrom(this.rulesByGroup, id, ruleId);
    this.rules.delete(ruleId);
  }

  private matchingRules(profile: RequesterProfile): Set<string> {
    const matching = new Set<string>();
    const collect = (ruleIds: Set<string> | undefined) => ruleIds?.forEach((ruleId) => matching.add(ruleId));
    if (profile.organisationId !== null) collect(this.rulesByOrganisation.get(profile.organisationId));
    collect(this.rulesByKind.get(profile.organisationKind));
    for (const role of profile.roles) collect(this.rulesByRole.get(role));
    for (const groupId of profile.groupIds) collect(this.rulesByGroup.get(groupId));
    return matching;
  }

  /** An item is internal-by-default while none of its rule ids is a grant (or an unknown rule). */
  private classify(itemId: string): void {
    const item = this.items.get(itemId);
    if (item === undefined) return;
    const restricted = item.entitlementRuleIds.some((ruleId) => this.rules.get(ruleId)?.effect !== 'deny');
    if (restricted) this.internalByDefault.delete(itemId);
    else this.internalByDefault.add(itemId);
  }

  private reclassifyItemsOf(ruleId: string): void {
    for (const itemId of this.itemsByRule.get(ruleId) ?? []) this.classify(itemId);
  }
}
