import { CatalogueErrorCode } from '../catalogue.errors';
import type { EntitlementCriteria, EntitlementRule, RequesterProfile } from './entitlement-rule';
import { assertEntitled, checkEntitlementRuleRefs, isEntitled } from './is-entitled';
import type { EntitledItem } from './is-entitled';

const none: EntitlementCriteria = { organisationIds: [], organisationKinds: [], roles: [], groupIds: [] };
const rule = (id: string, criteria: Partial<EntitlementCriteria>, effect: EntitlementRule['effect'] = 'grant'): EntitlementRule => ({ id, name: id, effect, ...none, ...criteria });
const rules = new Map(
  [
    rule('acme-people', { organisationIds: ['acme'] }),
    rule('customers', { organisationKinds: ['customer'] }),
    rule('developers', { roles: ['developer'] }),
    rule('sales-group', { groupIds: ['g-sales'] }),
    rule('no-contractors', { groupIds: ['g-contractors'] }, 'deny'),
  ].map((r) => [r.id, r]),
);
const item = (id: string, entitlementRuleIds: string[]): EntitledItem => ({ id, categoryIds: [], entitlementRuleIds });
const person = (p: Partial<RequesterProfile>): RequesterProfile => ({ personId: 'p', organisationId: 'hq', organisationKind: 'internal', roles: [], groupIds: [], ...p });

const internal = person({});
const customer = person({ organisationId: 'acme', organisationKind: 'customer' });
const supplier = person({ organisationId: 'netw', organisationKind: 'supplier' });

describe('isEntitled', () => {
  it('opens an item without rules to internal people only, not to customer or supplier people', () => {
    const laptop = item('laptop', []);
    expect([internal, customer, supplier].map((p) => isEntitled(laptop, rules, p))).toEqual([true, false, false]);
  });

  it("closes an item of an offering with customer organisations to everyone else, whatever the rules grant; none named: the rules decide", () => {
    const visit = { ...item('visit', ['customers']), customerOrgIds: ['acme'] };
    const otherCustomer = person({ organisationId: 'globex', organisationKind: 'customer' });
    expect([customer, otherCustomer, person({ organisationId: null, organisationKind: 'customer' })].map((p) => isEntitled(visit, rules, p))).toEqual([true, false, false]);
    expect(isEntitled({ ...item('desk', []), customerOrgIds: ['hq'] }, rules, internal)).toBe(true);
    expect(isEntitled({ ...item('desk', []), customerOrgIds: ['acme'] }, rules, internal)).toBe(false);
    expect(isEntitled({ ...visit, customerOrgIds: [] }, rules, otherCustomer)).toBe(true);
  });

  it('lets each criterion grant, and only the people it matches', () => {
    expect(isEntitled(item('i', ['acme-people']), rules, customer)).toBe(true);
    expect(isEntitled(item('i', ['acme-people']), rules, person({ organisationId: 'other', organisationKind: 'customer' }))).toBe(false);
    expect(isEntitled(item('i', ['customers']), rules, person({ organisationId: 'other', organisationKind: 'customer' }))).toBe(true);
    expect(isEntitled(item('i', ['customers']), rules, supplier)).toBe(false);
    expect(isEntitled(item('i', ['developers']), rules, person({ organisationKind: 'supplier', roles: ['developer'] }))).toBe(true);
    expect(isEntitled(item('i', ['sales-group']), rules, person({ organisationKind: 'customer', groupIds: ['g-sales'] }))).toBe(true);
  });

  it('restricts an item with grant rules: internal people need a matching rule too', () => {
    expect(isEntitled(item('i', ['developers']), rules, internal)).toBe(false);
    expect(isEntitled(item('i', ['developers', 'sales-group']), rules, person({ groupIds: ['g-sales'] }))).toBe(true);
  });

  it('lets a matching deny beat any grant', () => {
    const contractor = person({ organisationId: 'acme', organisationKind: 'customer', roles: ['developer'], groupIds: ['g-contractors'] });
    expect(isEntitled(item('i', ['acme-people', 'developers', 'no-contractors']), rules, contractor)).toBe(false);
    expect(isEntitled(item('i', ['acme-people', 'developers', 'no-contractors']), rules, { ...contractor, groupIds: [] })).toBe(true);
    // A deny rule binds only the items that name it.
    expect(isEntitled(item('i', ['acme-people', 'developers']), rules, contractor)).toBe(true);
  });

  it('keeps the internal default for an item with deny rules only, minus those denied', () => {
    const deniedOnly = item('i', ['no-contractors']);
    expect(isEntitled(deniedOnly, rules, internal)).toBe(true);
    expect(isEntitled(deniedOnly, rules, person({ groupIds: ['g-contractors'] }))).toBe(false);
    expect(isEntitled(deniedOnly, rules, customer)).toBe(false);
  });

  it('closes an item naming a rule that no longer exists, rather than opening it to everyone internal', () => {
    expect(isEntitled(item('i', ['deleted-rule']), rules, internal)).toBe(false);
  });

  it('assertEntitled refuses with CATALOGUE.NOT_ENTITLED naming the item', () => {
    expect(() => assertEntitled(item('vpn', ['developers']), rules, internal)).toThrow(expect.objectContaining({ code: CatalogueErrorCode.NotEntitled, details: { itemId: 'vpn' } }));
    expect(() => assertEntitled(item('vpn', ['developers']), rules, person({ roles: ['developer'] }))).not.toThrow();
  });

  it('checks an item\'s rule ids at save: distinct, and every one known', () => {
    expect(checkEntitlementRuleRefs(['developers', 'customers', 'developers'], rules)).toEqual(['developers', 'customers']);
    expect(() => checkEntitlementRuleRefs(['customers', 'gone'], rules)).toThrow(expect.objectContaining({ code: CatalogueErrorCode.NotFound, details: { ruleId: 'gone' } }));
  });
});
