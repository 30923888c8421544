import { CatalogueErrorCode } from '../catalogue.errors';
import type { EntitlementRule } from '../entitlement';
import { checkItemDraft, publishItem, retireItem, reviseItem } from './catalogue-item';
import type { ItemDraft } from './catalogue-item';

const T0 = new Date('2030-01-01T09:00:00Z');
const deny: EntitlementRule = { id: 'r-deny', name: 'No suppliers', effect: 'deny', organisationIds: [], organisationKinds: ['supplier'], roles: [], groupIds: [] };
const grant: EntitlementRule = { id: 'r-grant', name: 'Northwind', effect: 'grant', organisationIds: ['northwind'], organisationKinds: [], roles: [], groupIds: [] };
const rules = new Map([deny, grant].map((r) => [r.id, r]));
const draft: ItemDraft = {
  name: 'Laptop',
  categoryId: 'hardware',
  form: { variables: [{ name: 'model', label: 'Model', type: 'text' }] },
  plan: { tasks: [{ key: 'ship', title: 'Ship', groupId: 'g-desk', variables: ['model'], predecessors: [] }] },
  entitlementRuleIds: ['r-deny', 'r-grant'],
};

describe('a catalogue item and its versions', () => {
  it('refuses a plan task needing a variable the form lacks, an approval policy the engine refuses, and a bad price', () => {
    expect(() => checkItemDraft({ ...draft, plan: { tasks: [{ key: 'ship', title: 'Ship', groupId: 'g', variables: ['colour'], predecessors: [] }] } }, rules)).toThrow(
      expect.objectContaining({ code: CatalogueErrorCode.InvalidPlan, details: expect.objectContaining({ variable: 'colour' }) }),
    );
    const noLevels = { id: 'p', name: 'P', order: 1, active: true, appliesWhen: null, autoApproveWhen: null, levels: [] };
    expect(() => checkItemDraft({ ...draft, approvalPolicies: [noLevels] }, rules)).toThrow(expect.objectContaining({ code: CatalogueErrorCode.InvalidInput, details: expect.objectContaining({ field: 'approvalPolicies[0].levels' }) }));
    expect(() => checkItemDraft({ ...draft, price: { currency: 'eur', oneOffMinor: 1, recurringMonthlyMinor: 0 } }, rules)).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'price.currency' }) }));
  });

  it('accepts the requester-manager role as an approver', () => {
    const managerPolicy = { id: 'mgr', name: 'Manager', order: 1, active: true, appliesWhen: null, autoApproveWhen: null, levels: [{ name: 'Manager', approvers: { groupIds: [], userIds: [], roles: ['requester-manager'] }, rule: { kind: 'first_response' as const }, mandatory: true }] };
    expect(checkItemDraft({ ...draft, approvalPolicies: [managerPolicy] }, rules).approvalPolicies[0]?.levels[0]?.approvers.roles).toEqual(['requester-manager']);
  });

  it('keeps every version: an edit is the next one, the grant rules follow the current one', () => {
    const v1 = publishItem('item-1', checkItemDraft(draft, rules), rules, 'p-admin', T0);
    expect(v1.aggregate.grantRuleIds).toEqual(['r-grant']);
    const v2 = reviseItem(v1.aggregate, checkItemDraft({ ...draft, name: 'Laptop Pro', entitlementRuleIds: ['r-deny'] }, rules), rules, 'p-admin', new Date(T0.getTime() + 60_000));
    expect(v2.aggregate.versions.map((v) => [v.version, v.name])).toEqual([
      [1, 'Laptop'],
      [2, 'Laptop Pro'],
    ]);
    expect(v2.aggregate.grantRuleIds).toEqual([]);
    expect(v2.events[0]).toMatchObject({ type: 'itsm.service.item-published.v1', data: { version: 2, name: 'Laptop Pro' } });
  });

  it('retires once, and a retired item is not edited', () => {
    const item = publishItem('item-1', checkItemDraft(draft, rules), rules, 'p-admin', T0).aggregate;
    const retired = retireItem(item, '  ', 'p-admin', T0);
    expect(retired.events[0]).toMatchObject({ type: 'itsm.service.item-retired.v1', data: { status: 'retired', reason: null } });
    expect(retireItem(retired.aggregate, null, 'p-admin', T0).events).toEqual([]);
    expect(() => reviseItem(retired.aggregate, checkItemDraft(draft, rules), rules, 'p-admin', T0)).toThrow(expect.objectContaining({ code: CatalogueErrorCode.IllegalTransition }));
  });
});
