import { CatalogueErrorCode } from '../catalogue.errors';
import type { EntitlementRule, RequesterProfile } from '../entitlement';
import { defineForm } from '../forms';
import { bundleItemValues, checkBundleDefaults, checkBundleDraft, createBundle, isBundleOrderable, publishBundle, retireBundle, updateBundle } from './catalogue-bundle';
import type { BundleDraft, BundledItemFacts, CatalogueBundle } from './catalogue-bundle';

const T0 = new Date('2031-02-03T09:00:00.000Z');
const LATER = new Date(T0.getTime() + 60_000);

const laptopForm = defineForm({
  variables: [
    { name: 'model', label: 'Model', type: 'single_choice', required: true, options: [{ value: 'x1', label: 'X1' }, { value: 'mac', label: 'Mac' }] },
    { name: 'dock', label: 'Dock', type: 'boolean', visibleWhen: { variable: 'model', equals: ['x1'] } },
    { name: 'seats', label: 'Seats', type: 'number', min: 1, max: 5 },
  ],
});
const accessForm = defineForm({ variables: [{ name: 'role', label: 'Role', type: 'single_choice', required: true, options: [{ value: 'viewer', label: 'Viewer' }] }] });

const facts = (itemId: string, extra: Partial<BundledItemFacts> = {}): BundledItemFacts => ({ itemId, name: itemId, status: 'published', form: laptopForm, categoryId: 'cat', entitlementRuleIds: [], customerOrgIds: [], ...extra });
const catalogue = (...items: BundledItemFacts[]): ReadonlyMap<string, BundledItemFacts> => new Map(items.map((i) => [i.itemId, i]));
const ITEMS = catalogue(facts('laptop'), facts('access', { form: accessForm }));
const draft = (extra: Partial<BundleDraft> = {}): BundleDraft => ({
  name: ' New starter ',
  categoryId: 'cat',
  items: [
    { itemId: 'laptop', defaults: { model: 'x1', dock: true, seats: '2' } },
    { itemId: 'access', defaults: { role: 'viewer' } },
  ],
  ...extra,
});
const saved = (): CatalogueBundle => createBundle('b1', checkBundleDraft(draft(), ITEMS), 'u-admin', T0).aggregate;
const internal: RequesterProfile = { personId: 'p1', organisationId: null, organisationKind: 'internal', roles: [], groupIds: [] };
const northwind: EntitlementRule = { id: 'r-nw', name: 'Northwind', effect: 'grant', organisationIds: ['northwind'], organisationKinds: [], roles: [], groupIds: [] };

describe('catalogue bundles', () => {
  describe('saving (checkBundleDraft)', () => {
    it('keeps the items in order with their defaults normalised against each current form', () => {
      expect(checkBundleDraft(draft(), ITEMS)).toEqual({
        name: 'New starter',
        description: '',
        categoryId: 'cat',
        items: [
          { itemId: 'laptop', defaults: { model: 'x1', dock: true, seats: 2 } },
          { itemId: 'access', defaults: { role: 'viewer' } },
        ],
      });
    });

    it('refuses fewer than 2 or more than 20 items and an item named twice', () => {
      expect(() => checkBundleDraft(draft({ items: [{ itemId: 'laptop' }] }), ITEMS)).toThrow(expect.objectContaining({ code: CatalogueErrorCode.InvalidInput, details: { field: 'items' } }));
      const many = Array.from({ length: 21 }, (_, i) => facts(`i${i}`));
      expect(() => checkBundleDraft(draft({ items: many.map((i) => ({ itemId: i.itemId })) }), catalogue(...many))).toThrow(expect.objectContaining({ details: { field: 'items' } }));
      expect(() => checkBundleDraft(draft({ items: [{ itemId: 'laptop' }, { itemId: 'laptop' }] }), ITEMS)).toThrow(expect.objectContaining({ details: { field: 'items[1].itemId', itemId: 'laptop' } }));
    });

    it('refuses an unknown item, naming it', () => {
      expect(() => checkBundleDraft(draft({ items: [{ itemId: 'laptop' }, { itemId: 'ghost' }] }), ITEMS)).toThrow(expect.objectContaining({ code: CatalogueErrorCode.NotFound, details: { itemId: 'ghost', field: 'items[1].itemId' } }));
    });

    it("refuses a default the item's form does not have or does not read, naming the item and variable", () => {
      expect(() => checkBundleDefaults(laptopForm, { colour: 'red' }, 'laptop')).toThrow(expect.objectContaining({ code: CatalogueErrorCode.HiddenVariable, details: { itemId: 'laptop', variable: 'colour', reason: 'not_in_form' } }));
      expect(() => checkBundleDefaults(laptopForm, { seats: 9 }, 'laptop')).toThrow(expect.objectContaining({ code: CatalogueErrorCode.InvalidVariable, details: expect.objectContaining({ itemId: 'laptop', variable: 'seats', reason: 'above_max' }) }));
      expect(() => checkBundleDefaults(laptopForm, ['x1'], 'laptop')).toThrow(expect.objectContaining({ code: CatalogueErrorCode.InvalidInput, details: { field: 'defaults', itemId: 'laptop' } }));
      expect(checkBundleDefaults(laptopForm, { model: null, dock: false }, 'laptop')).toEqual({ dock: false });
    });
  });

  describe('lifecycle', () => {
    it('is created a draft and published when every item is orderable, with its events', () => {
      const created = createBundle('b1', checkBundleDraft(draft(), ITEMS), 'u-admin', T0);
      expect(created.events).toEqual([{ type: 'itsm.service.bundle-created.v1', data: { bundleId: 'b1', name: 'New starter', status: 'draft', categoryId: 'cat', itemIds: ['laptop', 'access'], by: 'u-admin', at: T0.toISOString() } }]);
      const published = publishBundle(created.aggregate, ITEMS, 'u-admin', LATER);
      expect([published.aggregate.status, published.aggregate.updatedAt, published.events.map((e) => e.type)]).toEqual(['published', LATER, ['itsm.service.bundle-published.v1']]);
      expect(publishBundle(published.aggregate, ITEMS, 'u-admin', LATER).events).toEqual([]);
    });

    it('refuses to publish a bundle with a retired item (or one of a retired service), naming it', () => {
      const withRetired = catalogue(facts('laptop'), facts('access', { form: accessForm, status: 'retired' }));
      expect(() => publishBundle(saved(), withRetired, 'u-admin', LATER)).toThrow(expect.objectContaining({ code: CatalogueErrorCode.NotOrderable, details: { bundleId: 'b1', itemId: 'access' } }));
      expect(() => publishBundle(saved(), catalogue(facts('laptop')), 'u-admin', LATER)).toThrow(expect.objectContaining({ code: CatalogueErrorCode.NotOrderable, details: { bundleId: 'b1', itemId: 'access' } }));
    });

    it('retires from draft or published, once; a retired bundle is neither edited nor published', () => {
      const retired = retireBundle(saved(), ' merged ', 'u-admin', LATER);
      expect(retired.events).toEqual([{ type: 'itsm.service.bundle-retired.v1', data: expect.objectContaining({ bundleId: 'b1', status: 'retired', reason: 'merged' }) }]);
      expect(retireBundle(retired.aggregate, null, 'u-admin', LATER).events).toEqual([]);
      expect(() => publishBundle(retired.aggregate, ITEMS, 'u-admin', LATER)).toThrow(expect.objectContaining({ code: CatalogueErrorCode.IllegalTransition }));
      expect(() => updateBundle(retired.aggregate, checkBundleDraft(draft(), ITEMS), ITEMS, 'u-admin', LATER)).toThrow(expect.objectContaining({ code: CatalogueErrorCode.IllegalTransition }));
    });

    it('keeps a published bundle published on an edit only with every item orderable', () => {
      const published = publishBundle(saved(), ITEMS, 'u-admin', LATER).aggregate;
      const edited = updateBundle(published, checkBundleDraft(draft({ name: 'Starter kit' }), ITEMS), ITEMS, 'u-admin', LATER);
      expect([edited.aggregate.name, edited.aggregate.status, edited.events.map((e) => e.type)]).toEqual(['Starter kit', 'published', ['itsm.service.bundle-updated.v1']]);
      const withRetired = catalogue(facts('laptop', { status: 'retired' }), facts('access', { form: accessForm }));
      expect(() => updateBundle(published, checkBundleDraft(draft(), withRetired), withRetired, 'u-admin', LATER)).toThrow(expect.objectContaining({ code: CatalogueErrorCode.NotOrderable, details: { bundleId: 'b1', itemId: 'laptop' } }));
    });
  });

  describe('who may order it (isBundleOrderable)', () => {
    const published = (): CatalogueBundle => publishBundle(saved(), ITEMS, 'u-admin', LATER).aggregate;

    it('needs the bundle published, every item orderable and the requester entitled to every item', () => {
      expect(isBundleOrderable(published(), ITEMS, new Map(), internal)).toBe(true);
      expect(isBundleOrderable(saved(), ITEMS, new Map(), internal)).toBe(false);
      expect(isBundleOrderable(published(), catalogue(facts('laptop'), facts('access', { status: 'retired' })), new Map(), internal)).toBe(false);
      const oneRestricted = catalogue(facts('laptop'), facts('access', { entitlementRuleIds: ['r-nw'] }));
      expect(isBundleOrderable(published(), oneRestricted, new Map([['r-nw', northwind]]), internal)).toBe(false);
      expect(isBundleOrderable(published(), oneRestricted, new Map([['r-nw', northwind]]), { ...internal, organisationId: 'northwind', organisationKind: 'customer' })).toBe(false);
      const bothNorthwind = catalogue(facts('laptop', { entitlementRuleIds: ['r-nw'] }), facts('access', { entitlementRuleIds: ['r-nw'] }));
      expect(isBundleOrderable(published(), bothNorthwind, new Map([['r-nw', northwind]]), { ...internal, organisationId: 'northwind', organisationKind: 'customer' })).toBe(true);
    });
  });

  describe("an order's values (bundleItemValues)", () => {
    it('hands each item the values sent for it beside the bundle defaults (validateValues lays them under, where shown)', () => {
      expect(bundleItemValues(saved(), { laptop: { model: 'mac', dock: null } })).toEqual([
        { itemId: 'laptop', values: { model: 'mac', dock: null }, defaults: { model: 'x1', dock: true, seats: 2 } },
        { itemId: 'access', values: {}, defaults: { role: 'viewer' } },
      ]);
      expect(bundleItemValues(saved(), null)).toEqual([
        { itemId: 'laptop', values: {}, defaults: { model: 'x1', dock: true, seats: 2 } },
        { itemId: 'access', values: {}, defaults: { role: 'viewer' } },
      ]);
    });

    it('refuses values for an item the bundle does not have, or not an object', () => {
      expect(() => bundleItemValues(saved(), { mouse: {} })).toThrow(expect.objectContaining({ code: CatalogueErrorCode.InvalidInput, details: { field: 'variables', bundleId: 'b1', itemId: 'mouse' } }));
      expect(() => bundleItemValues(saved(), { laptop: 'x1' })).toThrow(expect.objectContaining({ details: { field: 'variables', bundleId: 'b1', itemId: 'laptop' } }));
      expect(() => bundleItemValues(saved(), [])).toThrow(expect.objectContaining({ details: { field: 'variables', bundleId: 'b1' } }));
    });
  });
});
