import { CatalogueErrorCode } from '../catalogue.errors';
import { checkEntitlementRule, ruleMatches } from './entitlement-rule';
import type { EntitlementCriteria, RequesterProfile } from './entitlement-rule';

const none: EntitlementCriteria = { organisationIds: [], organisationKinds: [], roles: [], groupIds: [] };
const ann: RequesterProfile = { personId: 'ann', organisationId: 'acme', organisationKind: 'customer', roles: ['requester'], groupIds: ['g-sales'] };

describe('entitlement rules', () => {
  it('match on any one criterion: organisation, organisation kind, role or group', () => {
    expect(ruleMatches({ ...none, organisationIds: ['acme'] }, ann)).toBe(true);
    expect(ruleMatches({ ...none, organisationKinds: ['customer'] }, ann)).toBe(true);
    expect(ruleMatches({ ...none, roles: ['requester'] }, ann)).toBe(true);
    expect(ruleMatches({ ...none, groupIds: ['g-sales'] }, ann)).toBe(true);
    expect(ruleMatches({ organisationIds: ['globex'], organisationKinds: ['supplier'], roles: ['agent'], groupIds: ['g-ops'] }, ann)).toBe(false);
  });

  it('never match a person without organisation by organisation id', () => {
    expect(ruleMatches({ ...none, organisationIds: ['acme'] }, { ...ann, organisationId: null })).toBe(false);
  });

  it('are checked at save: trimmed name, grant by default, distinct sorted values', () => {
    expect(checkEntitlementRule({ name: '  Sales  ', roles: ['b', 'a', 'b'], organisationKinds: ['supplier', 'internal', 'supplier'] })).toEqual({
      name: 'Sales',
      effect: 'grant',
      organisationIds: [],
      organisationKinds: ['internal', 'supplier'],
      roles: ['a', 'b'],
      groupIds: [],
    });
    expect(checkEntitlementRule({ name: 'No contractors', effect: 'deny', groupIds: ['g-ext'] }).effect).toBe('deny');
  });

  it('refuse an empty rule, naming it', () => {
    expect(() => checkEntitlementRule({ name: 'Nobody', organisationIds: [], roles: null })).toThrow(
      expect.objectContaining({ code: CatalogueErrorCode.InvalidInput, details: { field: 'criteria', rule: 'Nobody' } }),
    );
  });

  it('refuse a bad name, effect, kind or value, naming the field and value', () => {
    const refusal = (details: Record<string, string>) => expect.objectContaining({ code: CatalogueErrorCode.InvalidInput, details });
    expect(() => checkEntitlementRule({ name: ' ', roles: ['a'] })).toThrow(refusal({ field: 'name' }));
    expect(() => checkEntitlementRule({ name: 'x', effect: 'allow', roles: ['a'] })).toThrow(refusal({ field: 'effect', rule: 'x', value: 'allow' }));
    expect(() => checkEntitlementRule({ name: 'x', organisationKinds: ['partner'] })).toThrow(refusal({ field: 'organisationKinds', value: 'partner' }));
    expect(() => checkEntitlementRule({ name: 'x', groupIds: ['g1', ' '] })).toThrow(refusal({ field: 'groupIds', value: ' ' }));
  });
});
