import { isEntitled } from '@itsm/catalogue';
import type { EntitlementIndex, EntitlementRule, RequesterProfile } from '@itsm/catalogue';
import type { Connection } from 'mongoose';

/** One browse page: the item ids in the catalogue's order, and whether more follow. */
export interface BrowsePage {
  readonly ids: readonly string[];
  readonly hasNextPage: boolean;
}

interface ItemRow {
  id: string;
  nameKey: string;
  entitlementRuleIds: string[];
}

type RuleRow = EntitlementRule;

const page = (sorted: readonly { id: string }[], first: number): BrowsePage => ({ ids: sorted.slice(0, first).map((i) => i.id), hasNextPage: sorted.length > first });
const byNameKey = (a: { nameKey: string }, b: { nameKey: string }): number => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : 0);

/**
 * The baseline: what a service without the browse's rule look-up does per request. It reads every
 * published item (the entitlement fields and the order key) and every rule from MongoDB, evaluates
 * `isEntitled` per item for the requester, sorts by the catalogue's order and takes the page. (Every
 * bench item is without a service, so no service lifecycle enters either side.)
 */
export async function naiveBrowse(db: Connection, profile: RequesterProfile, first: number): Promise<BrowsePage> {
  const [items, rules] = await Promise.all([
    db.collection<ItemRow>('catalogue_items').find({ status: { $eq: 'published' } }, { projection: { _id: 0, id: 1, nameKey: 1, entitlementRuleIds: 1 } }).toArray(),
    db.collection<RuleRow>('catalogue_entitlement_rules').find({}, { projection: { _id: 0, id: 1, name: 1, effect: 1, organisationIds: 1, organisationKinds: 1, roles: 1, groupIds: 1 } }).toArray(),
  ]);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const entitled = items.filter((item) => isEntitled({ id: item.id, categoryIds: [], entitlementRuleIds: item.entitlementRuleIds }, byId, profile)).sort(byNameKey);
  return page(entitled, first);
}

/** The domain's in-memory index for the same question: the requester's entitled ids, ordered by the same key, paged. */
export function indexBrowse(index: EntitlementIndex, nameKeys: ReadonlyMap<string, string>, profile: RequesterProfile, first: number): BrowsePage {
  const entitled = index.entitledItems(profile).map((id) => ({ id, nameKey: nameKeys.get(id) ?? '' }));
  return page(entitled.sort(byNameKey), first);
}

/** What two sides must agree on. */
export const sameAnswer = (a: BrowsePage, b: BrowsePage): boolean => a.hasNextPage === b.hasNextPage && a.ids.length === b.ids.length && a.ids.every((id, i) => id === b.ids[i]);

/** Which items each side shows that another does not (the first few), for the log. */
export function describeDifference(pages: Readonly<Record<string, BrowsePage>>): string {
  const all = new Set(Object.values(pages).flatMap((p) => p.ids));
  return Object.entries(pages)
    .map(([side, p]) => {
      const shown = new Set(p.ids);
      return `${side}: ${p.ids.length} items, more ${String(p.hasNextPage)}, missing [${[...all].filter((id) => !shown.has(id)).slice(0, 5).join(', ')}]`;
    })
    .join('; ');
}
