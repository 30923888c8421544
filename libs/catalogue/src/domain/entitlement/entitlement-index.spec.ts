import { seededRandom } from '@itsm/testing';
import { EntitlementIndex } from './entitlement-index';
import type { EntitlementCriteria, EntitlementRule, OrganisationKind, RequesterProfile } from './entitlement-rule';
import { isEntitled } from './is-entitled';
import type { EntitledItem } from './is-entitled';

const none: EntitlementCriteria = { organisationIds: [], organisationKinds: [], roles: [], groupIds: [] };
const rule = (id: string, criteria: Partial<EntitlementCriteria>, effect: EntitlementRule['effect'] = 'grant'): EntitlementRule => ({ id, name: id, effect, ...none, ...criteria });
const item = (id: string, entitlementRuleIds: string[], categoryIds: string[] = ['hardware']): EntitledItem => ({ id, categoryIds, entitlementRuleIds });
const person = (p: Partial<RequesterProfile>): RequesterProfile => ({ personId: 'p', organisationId: 'hq', organisationKind: 'internal', roles: [], groupIds: [], ...p });
const sorted = (ids: string[]) => [...ids].sort();
function at<T>(list: readonly T[], i: number): T {
  const value = list[i];
  if (value === undefined) throw new Error(`no element ${i}`);
  return value;
}

/** A seeded random catalogue: a few thousand items over a few hundred rules, with denies, shared rules and dangling ids. */
function randomCatalogue(seed: number) {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: int(max + 1) }, () => at(list, int(list.length))))];
  const kinds: OrganisationKind[] = ['internal', 'customer', 'supplier'];
  const orgs = Array.from({ length: 40 }, (_, i) => ({ id: `org-${i}`, kind: kinds[i % 3] }));
  const roles = Array.from({ length: 15 }, (_, i) => `role-${i}`);
  const groups = Array.from({ length: 80 }, (_, i) => `group-${i}`);
  const categories = Array.from({ length: 12 }, (_, i) => `cat-${i}`);

  const randomRule = (id: string): EntitlementRule => {
    const criteria: EntitlementCriteria = {
      organisationIds: pick(orgs.map((o) => o.id), 2),
      organisationKinds: random() < 0.1 ? pick(kinds, 1) : [],
      roles: pick(roles, 1),
      groupIds: pick(groups, 2),
    };
    const empty = criteria.organisationIds.length + criteria.organisationKinds.length + criteria.roles.length + criteria.groupIds.length === 0;
    return rule(id, empty ? { groupIds: [at(groups, int(groups.length))] } : criteria, random() < 0.1 ? 'deny' : 'grant');
  };
  const ruleIds = Array.from({ length: 300 }, (_, i) => `rule-${i}`);
  const rules = ruleIds.map(randomRule);
  const randomItem = (id: string): EntitledItem => {
    const refs = random() < 0.3 ? [] : pick(ruleIds, 3);
    if (random() < 0.01) refs.push('rule-deleted');
    return item(id, refs, pick(categories, 2));
  };
  const items = Array.from({ length: 3_000 }, (_, i) => randomItem(`item-${i}`));
  const randomProfile = (i: number): RequesterProfile => {
    const org = random() < 0.05 ? null : at(orgs, int(orgs.length));
    return { personId: `person-${i}`, organisationId: org?.id ?? null, organisationKind: org?.kind ?? 'internal', roles: pick(roles, 3), groupIds: pick(groups, 4) };
  };
  return { rules, items, categories, ruleIds, randomRule, randomItem, randomProfile, int };
}

/** The per-item answer the index must reproduce. */
function expected(items: Map<string, EntitledItem>, rules: Map<string, EntitlementRule>, profile: RequesterProfile, categoryId?: string): string[] {
  return [...items.values()].filter((i) => (categoryId === undefined || i.categoryIds.includes(categoryId)) && isEntitled(i, rules, profile)).map((i) => i.id).sort();
}

describe('EntitlementIndex', () => {
  const rules = [rule('devs', { roles: ['developer'] }), rule('acme', { organisationIds: ['acme'] }), rule('no-contractors', { groupIds: ['g-contractors'] }, 'deny')];
  const items = [item('laptop', []), item('ide', ['devs']), item('portal', ['acme'], ['access']), item('badge', ['no-contractors'], ['access']), item('repo', ['devs', 'no-contractors'])];

  it('answers a browse: unrestricted items for internal people, granted items, minus denied ones, by category', () => {
    const index = EntitlementIndex.build(items, rules);
    expect(sorted(index.entitledItems(person({})))).toEqual(['badge', 'laptop']);
    expect(sorted(index.entitledItems(person({ roles: ['developer'] })))).toEqual(['badge', 'ide', 'laptop', 'repo']);
    expect(sorted(index.entitledItems(person({ roles: ['developer'], groupIds: ['g-contractors'] })))).toEqual(['ide', 'laptop']);
    expect(sorted(index.entitledItems(person({ organisationId: 'acme', organisationKind: 'customer' })))).toEqual(['portal']);
    expect(sorted(index.entitledItems(person({ roles: ['developer'] }), { categoryId: 'access' }))).toEqual(['badge']);
    expect(index.entitledItems(person({}), { categoryId: 'unknown' })).toEqual([]);
  });

  it('changes the browse answer when a rule changes, is removed or turns into a deny', () => {
    const index = EntitlementIndex.build(items, rules);
    const dev = person({ roles: ['developer'] });
    index.putRule(rule('devs', { roles: ['architect'] }));
    expect(sorted(index.entitledItems(dev))).toEqual(['badge', 'laptop']);
    expect(sorted(index.entitledItems(person({ roles: ['architect'] })))).toEqual(['badge', 'ide', 'laptop', 'repo']);
    index.putRule(rule('devs', { roles: ['developer'] }, 'deny'));
    expect(sorted(index.entitledItems(person({})))).toEqual(['badge', 'ide', 'laptop', 'repo']);
    expect(sorted(index.entitledItems(dev))).toEqual(['badge', 'laptop']);
    index.removeRule('acme');
    expect(index.entitledItems(person({ organisationId: 'acme', organisationKind: 'customer' }))).toEqual([]);
    expect(index.itemsUsingRule('acme')).toEqual(['portal']);
  });

  it('follows an item that is replaced or removed', () => {
    const index = EntitlementIndex.build(items, rules);
    index.putItem(item('laptop', ['acme'], ['access']));
    expect(sorted(index.entitledItems(person({})))).toEqual(['badge']);
    expect(sorted(index.entitledItems(person({ organisationId: 'acme', organisationKind: 'customer' }), { categoryId: 'access' }))).toEqual(['laptop', 'portal']);
    expect(index.itemsUsingRule('acme')).toEqual(['laptop', 'portal']);
    index.removeItem('portal');
    expect(index.itemsUsingRule('acme')).toEqual(['laptop']);
    expect(index.isEntitled('portal', person({ organisationId: 'acme', organisationKind: 'customer' }))).toBe(false);
    expect(index.itemCount).toBe(4);
  });

  it('gives the per-item answer for every requester on a seeded random catalogue, before and after updates', () => {
    const world = randomCatalogue(15);
    const itemsById = new Map(world.items.map((i) => [i.id, i]));
    const rulesById = new Map(world.rules.map((r) => [r.id, r]));
    const index = EntitlementIndex.build(world.items, world.rules);
    const profiles = Array.from({ length: 200 }, (_, i) => world.randomProfile(i));
    const check = (categoryId?: string) => {
      let seen = 0;
      for (const profile of profiles) {
        const want = expected(itemsById, rulesById, profile, categoryId);
        expect(sorted(index.entitledItems(profile, { categoryId }))).toEqual(want);
        seen += want.length;
      }
      return seen;
    };

    const total = check();
    // Not a vacuous comparison: requesters see some of the catalogue, not none and not all of it.
    expect(total).toBeGreaterThan(profiles.length * 50);
    expect(total).toBeLessThan(profiles.length * itemsById.size * 0.9);
    check(at(world.categories, 3));

    for (let step = 0; step < 300; step += 1) {
      const ruleId = at(world.ruleIds, world.int(world.ruleIds.length));
      const itemId = `item-${world.int(3_200)}`;
      switch (step % 4) {
        case 0: {
          const changed = world.randomRule(ruleId);
          rulesById.set(ruleId, changed);
          index.putRule(changed);
          break;
        }
        case 1:
          rulesById.delete(ruleId);
          index.removeRule(ruleId);
          break;
        case 2: {
          const changed = world.randomItem(itemId);
          itemsById.set(itemId, changed);
          index.putItem(changed);
          break;
        }
        case 3:
          itemsById.delete(itemId);
          index.removeItem(itemId);
          break;
      }
    }
    expect(index.itemCount).toBe(itemsById.size);
    check();
    check(at(world.categories, 7));
  });
});
