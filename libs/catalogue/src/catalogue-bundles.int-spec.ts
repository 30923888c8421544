import { serviceSubject } from '@itsm/contracts';
import { expectEventually } from '@itsm/testing';
import { CatalogueErrorCode } from './domain';
import { bootCatalogueContext } from './test-fixtures/booted-catalogue-context';
import type { BootedCatalogueContext, GraphqlAnswer } from './test-fixtures/booted-catalogue-context';

interface ItemNode { readonly number: string; readonly catalogItemId: string; readonly catalogItemVersion: number; readonly bundleId: string | null; readonly variables: string }
interface RequestNode { readonly id: string; readonly number: string; readonly items: readonly ItemNode[] }

const ORDER = 'mutation($input: OrderCatalogItemsInput!) { orderCatalogItems(input: $input) { id number items { number catalogItemId catalogItemVersion bundleId variables } } }';
const SAVE = 'mutation($input: CatalogBundleInput!, $id: ID) { saveBundle(input: $input, id: $id) { id status items { itemId defaults } } }';
const PUBLISH = 'mutation($id: ID!) { publishBundle(id: $id) { id status } }';
const LIST = 'query { catalogBundles(first: 20) { edges { node { id name } } } }';
const ONE = 'query($id: ID!) { catalogBundle(id: $id) { name status items { itemId defaults item { name form { name type required } } } } }';

const DESK_FORM = [
  { name: 'size', label: 'Size', type: 'single_choice', required: true, options: [{ value: 'standard', label: 'Standard' }, { value: 'standing', label: 'Standing' }] },
  { name: 'drawers', label: 'Drawers', type: 'number', min: 0, max: 3, integer: true },
];
const CHAIR_FORM = [
  { name: 'colour', label: 'Colour', type: 'single_choice', required: true, options: [{ value: 'black', label: 'Black' }, { value: 'grey', label: 'Grey' }] },
  { name: 'armrests', label: 'Armrests', type: 'boolean' },
];

/**
 * Catalogue bundles through GraphQL on the peers: a catalogue admin saves and publishes a bundle of
 * two items with defaults (a service's owner one of their service's items); a requester finds it
 * and orders it as one line: one request, a requested item per bundle item carrying the bundle and
 * its defaults under the values sent. Refusals name the line, the bundle and the item: an item the
 * requester is not entitled to, a retired item (or service), a bad value in the second item;
 * nothing is written (the next order takes the next REQ number).
 */
describe('catalogue bundles through GraphQL on the peers', () => {
  let booted: BootedCatalogueContext;
  const ids = { desk: '', chair: '', northwind: '', lamp: '' };
  let categoryId = '';

  const as = (who: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer> => booted.as(who, query, variables);
  const ok = <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => booted.ok<T>(who, query, variables);
  const publishItem = async (name: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const input = { name, categoryId, form: [], plan: [{ key: 'deliver', title: `Deliver ${name}`, groupId: 'g-service-desk' }], ...extra };
    return (await ok<{ id: string }>('p-catadmin', 'mutation($input: CatalogItemInput!) { publishCatalogItem(input: $input) { id } }', { input })).id;
  };
  const bundleInput = (name: string, items: readonly { itemId: string; defaults?: Record<string, unknown> }[]) => ({ name, categoryId, items: items.map((i) => ({ itemId: i.itemId, defaults: JSON.stringify(i.defaults ?? {}) })) });
  const publishedBundle = async (name: string, items: readonly { itemId: string; defaults?: Record<string, unknown> }[]): Promise<string> => {
    const { id } = await ok<{ id: string }>('p-catadmin', SAVE, { input: bundleInput(name, items) });
    await ok('p-catadmin', PUBLISH, { id });
    return id;
  };
  const orderBundle = (bundleId: string, variables: Record<string, unknown> = {}) => as('p-requester', ORDER, { input: { lines: [{ bundleId, variables: JSON.stringify(variables) }] } });
  const refusal = async (answer: Promise<GraphqlAnswer>) => (await answer).errors?.[0]?.extensions;

  beforeAll(async () => {
    booted = await bootCatalogueContext();
    categoryId = (await ok<{ id: string }>('p-catadmin', 'mutation { saveCatalogCategory(input: { name: "Office" }) { id } }')).id;
    const northwind = await ok<{ id: string }>('p-catadmin', 'mutation { saveEntitlementRule(input: { name: "Northwind customers", organisationIds: ["northwind"] }) { id } }');
    ids.desk = await publishItem('Desk', { form: DESK_FORM });
    ids.chair = await publishItem('Chair', { form: CHAIR_FORM });
    ids.northwind = await publishItem('Northwind portal access', { entitlementRuleIds: [northwind.id] });
    ids.lamp = await publishItem('Desk lamp');
  });
  afterAll(() => booted.close());

  it('saves a draft bundle (defaults checked against each form), publishes it, shows it with its items forms, and says so on itsm.service.v1', async () => {
    const badDefault = await as('p-catadmin', SAVE, { input: bundleInput('Workstation', [{ itemId: ids.desk, defaults: { drawers: 7 } }, { itemId: ids.chair }]) });
    expect(badDefault.errors?.[0]?.extensions).toMatchObject({ code: CatalogueErrorCode.InvalidVariable, details: { itemId: ids.desk, variable: 'drawers', reason: 'above_max' } });
    const saved = await ok<{ id: string; status: string; items: unknown[] }>('p-catadmin', SAVE, { input: bundleInput('Workstation', [{ itemId: ids.desk, defaults: { size: 'standing', drawers: '2' } }, { itemId: ids.chair, defaults: { colour: 'grey' } }]) });
    expect(saved).toMatchObject({ status: 'draft', items: [{ itemId: ids.desk, defaults: JSON.stringify({ size: 'standing', drawers: 2 }) }, { itemId: ids.chair, defaults: JSON.stringify({ colour: 'grey' }) }] });
    expect(await ok('p-requester', LIST)).toEqual({ edges: [] });
    expect((await as('p-requester', ONE, { id: saved.id })).errors?.[0]?.extensions?.code).toBe(CatalogueErrorCode.NotFound);
    expect((await as('p-requester', PUBLISH, { id: saved.id })).errors?.[0]?.extensions?.code).toBe(CatalogueErrorCode.Forbidden);

    expect(await ok('p-catadmin', PUBLISH, { id: saved.id })).toEqual({ id: saved.id, status: 'published' });
    expect(await ok('p-requester', LIST)).toEqual({ edges: [{ node: { id: saved.id, name: 'Workstation' } }] });
    expect(await ok('p-requester', ONE, { id: saved.id })).toEqual({
      name: 'Workstation',
      status: 'published',
      items: [
        { itemId: ids.desk, defaults: JSON.stringify({ size: 'standing', drawers: 2 }), item: { name: 'Desk', form: [{ name: 'size', type: 'single_choice', required: true }, { name: 'drawers', type: 'number', required: false }] } },
        { itemId: ids.chair, defaults: JSON.stringify({ colour: 'grey' }), item: { name: 'Chair', form: [{ name: 'colour', type: 'single_choice', required: true }, { name: 'armrests', type: 'boolean', required: false }] } },
      ],
    });
    await expectEventually(() => {
      const events = booted.published.filter((e) => e.subject === serviceSubject('bundle', saved.id));
      expect(events.map((e) => [e.type, e.sequence])).toEqual([
        ['itsm.service.bundle-created.v1', 1],
        ['itsm.service.bundle-published.v1', 2],
      ]);
      expect(events[1]?.data).toMatchObject({ bundleId: saved.id, status: 'published', itemIds: [ids.desk, ids.chair], by: 'p-catadmin' });
    });
  });

  it('orders a bundle as one request with a requested item per bundle item, each with its bundle, its version and the defaults under the values sent', async () => {
    const bundleId = await publishedBundle('Reading corner', [{ itemId: ids.chair, defaults: { colour: 'black', armrests: true } }, { itemId: ids.lamp }]);
    const ordered = await orderBundle(bundleId, { [ids.chair]: { colour: 'grey' } });
    expect(ordered.errors).toBeUndefined();
    const request = ordered.data?.['orderCatalogItems'] as unknown as RequestNode;
    expect(request.items).toEqual([
      { number: expect.stringMatching(/^RITM/), catalogItemId: ids.chair, catalogItemVersion: 1, bundleId, variables: JSON.stringify({ colour: 'grey', armrests: true }) },
      { number: expect.stringMatching(/^RITM/), catalogItemId: ids.lamp, catalogItemVersion: 1, bundleId, variables: '{}' },
    ]);
    const read = await ok<RequestNode>('p-requester', 'query($id: ID!) { request(id: $id) { id number items { number catalogItemId catalogItemVersion bundleId variables } } }', { id: request.id });
    expect(read).toEqual(request);
  });

  it('refuses a bundle with an item the requester is not entitled to, naming it; the bundle is not in their list', async () => {
    const bundleId = await publishedBundle('Partner kit', [{ itemId: ids.lamp }, { itemId: ids.northwind }]);
    expect(await refusal(orderBundle(bundleId))).toMatchObject({ code: CatalogueErrorCode.NotEntitled, details: { line: 0, bundleId, itemId: ids.northwind } });
    expect((await ok<{ edges: { node: { id: string } }[] }>('p-requester', LIST)).edges.map((e) => e.node.id)).not.toContain(bundleId);
    expect((await ok<{ edges: { node: { id: string } }[] }>('p-customer', LIST)).edges.map((e) => e.node.id)).not.toContain(bundleId);
  });

  it('withdraws a bundle from ordering once one of its items is retired: refused NOT_ORDERABLE naming the item, gone from the list, not publishable', async () => {
    const stool = await publishItem('Stool');
    const bundleId = await publishedBundle('Standing desk set', [{ itemId: ids.desk, defaults: { size: 'standing' } }, { itemId: stool }]);
    await ok('p-catadmin', 'mutation($id: ID!) { retireCatalogItem(id: $id) { status } }', { id: stool });
    expect(await refusal(orderBundle(bundleId))).toMatchObject({ code: CatalogueErrorCode.NotOrderable, details: { line: 0, bundleId, itemId: stool } });
    expect((await ok<{ edges: { node: { id: string } }[] }>('p-requester', LIST)).edges.map((e) => e.node.id)).not.toContain(bundleId);
    const draft = await ok<{ id: string }>('p-catadmin', SAVE, { input: bundleInput('Stool set', [{ itemId: ids.lamp }, { itemId: stool }]) });
    expect((await as('p-catadmin', PUBLISH, { id: draft.id })).errors?.[0]?.extensions).toMatchObject({ code: CatalogueErrorCode.NotOrderable, details: { bundleId: draft.id, itemId: stool } });
  });

  it("lets a service's owner manage a bundle of that service's items only; retiring the service withdraws the bundle", async () => {
    const service = await ok<{ id: string }>('p-catadmin', 'mutation { createService(input: { name: "Furniture", kind: business, ownerId: "p-owner" }) { id } }');
    expect(await ok('p-owner', 'mutation($id: ID!) { proposeServiceGoLive(id: $id) { lifecycle } }', { id: service.id })).toEqual({ lifecycle: 'live' });
    const shelf = await publishItem('Shelf', { serviceId: service.id });
    const cabinet = await publishItem('Cabinet', { serviceId: service.id });
    expect((await as('p-owner', SAVE, { input: bundleInput('Storage and lamp', [{ itemId: shelf }, { itemId: ids.lamp }]) })).errors?.[0]?.extensions).toMatchObject({ code: CatalogueErrorCode.Forbidden });
    const own = await ok<{ id: string }>('p-owner', SAVE, { input: bundleInput('Storage', [{ itemId: shelf }, { itemId: cabinet }]) });
    expect(await ok('p-owner', PUBLISH, { id: own.id })).toEqual({ id: own.id, status: 'published' });
    expect((await as('p-other', PUBLISH, { id: own.id })).errors?.[0]?.extensions?.code).toBe(CatalogueErrorCode.Forbidden);
    expect((await orderBundle(own.id)).errors).toBeUndefined();

    await ok('p-owner', 'mutation($id: ID!) { retireService(id: $id, reason: "Outsourced") { lifecycle } }', { id: service.id });
    expect(await refusal(orderBundle(own.id))).toMatchObject({ code: CatalogueErrorCode.NotOrderable, details: { line: 0, bundleId: own.id, itemId: shelf } });
    expect((await ok<{ edges: { node: { id: string } }[] }>('p-requester', LIST)).edges.map((e) => e.node.id)).not.toContain(own.id);
    expect(await ok('p-owner', 'mutation($id: ID!) { retireBundle(id: $id, reason: "Service retired") { status } }', { id: own.id })).toEqual({ status: 'retired' });
  });

  it('refuses a bad value for the second item naming the line, the bundle, the item and the variable; nothing is written', async () => {
    const bundleId = await publishedBundle('Office basics', [{ itemId: ids.lamp }, { itemId: ids.desk, defaults: { size: 'standard' } }]);
    const before = (await ok<RequestNode>('p-requester', ORDER, { input: { lines: [{ itemId: ids.lamp }] } })).number;
    expect(await refusal(orderBundle(bundleId, { [ids.desk]: { drawers: 9 } }))).toMatchObject({ code: CatalogueErrorCode.InvalidVariable, details: { line: 0, bundleId, itemId: ids.desk, variable: 'drawers' } });
    expect(await refusal(orderBundle(bundleId, { [ids.chair]: { colour: 'grey' } }))).toMatchObject({ code: CatalogueErrorCode.InvalidInput, details: { line: 0, bundleId, itemId: ids.chair } });
    const after = (await ok<RequestNode>('p-requester', ORDER, { input: { lines: [{ itemId: ids.lamp }] } })).number;
    expect(Number(after.slice(3))).toBe(Number(before.slice(3)) + 1);
  });

  it("pages a requester's bundles by name, skipping those they may not order (not entitled, withdrawn, retired)", async () => {
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const answer: { edges: { cursor: string; node: { name: string } }[]; pageInfo: { hasNextPage: boolean } } = await ok('p-requester', 'query($after: String) { catalogBundles(first: 1, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage } } }', { after });
      names.push(...answer.edges.map((e) => e.node.name));
      if (!answer.pageInfo.hasNextPage) break;
      after = answer.edges[answer.edges.length - 1]?.cursor ?? null;
    }
    expect(names).toEqual(['Office basics', 'Reading corner', 'Workstation']);
    const all = await ok<{ edges: { node: { name: string } }[] }>('p-catadmin', 'query { catalogBundles(first: 50) { edges { node { name } } } }');
    expect(all.edges.map((e) => e.node.name)).toEqual(['Office basics', 'Partner kit', 'Reading corner', 'Standing desk set', 'Stool set', 'Storage', 'Workstation']);
    const retired = await ok<{ edges: { node: { name: string } }[] }>('p-catadmin', 'query { catalogBundles(first: 50, status: retired) { edges { node { name } } } }');
    expect(retired.edges.map((e) => e.node.name)).toEqual(['Storage']);
  });
});
