import type { INestApplication } from '@nestjs/common';
import { serviceSubject } from '@itsm/contracts';
import { expectEventually } from '@itsm/testing';
import { CreateServiceCommand } from './application/commands/create-service/create-service.command';
import { CreateServiceHandler } from './application/commands/create-service/create-service.handler';
import { DecideServiceApprovalCommand } from './application/commands/decide-service-approval/decide-service-approval.command';
import { DecideServiceApprovalHandler } from './application/commands/decide-service-approval/decide-service-approval.handler';
import { DeleteEntitlementRuleCommand } from './application/commands/delete-entitlement-rule/delete-entitlement-rule.command';
import { DeleteEntitlementRuleHandler } from './application/commands/delete-entitlement-rule/delete-entitlement-rule.handler';
import { ProposeServiceGoLiveCommand } from './application/commands/propose-service-go-live/propose-service-go-live.command';
import { ProposeServiceGoLiveHandler } from './application/commands/propose-service-go-live/propose-service-go-live.handler';
import { PublishCatalogueItemCommand } from './application/commands/publish-catalogue-item/publish-catalogue-item.command';
import { PublishCatalogueItemHandler } from './application/commands/publish-catalogue-item/publish-catalogue-item.handler';
import { RetireCatalogueItemCommand } from './application/commands/retire-catalogue-item/retire-catalogue-item.command';
import { RetireCatalogueItemHandler } from './application/commands/retire-catalogue-item/retire-catalogue-item.handler';
import { RetireServiceCommand } from './application/commands/retire-service/retire-service.command';
import { RetireServiceHandler } from './application/commands/retire-service/retire-service.handler';
import { ReviseCatalogueItemCommand } from './application/commands/revise-catalogue-item/revise-catalogue-item.command';
import { ReviseCatalogueItemHandler } from './application/commands/revise-catalogue-item/revise-catalogue-item.handler';
import { UpdateServiceCommand } from './application/commands/update-service/update-service.command';
import { UpdateServiceHandler } from './application/commands/update-service/update-service.handler';
import { SaveCategoryCommand } from './application/commands/save-category/save-category.command';
import { SaveCategoryHandler } from './application/commands/save-category/save-category.handler';
import { SaveEntitlementRuleCommand } from './application/commands/save-entitlement-rule/save-entitlement-rule.command';
import { SaveEntitlementRuleHandler } from './application/commands/save-entitlement-rule/save-entitlement-rule.handler';
import { SaveGoLivePolicyCommand } from './application/commands/save-go-live-policy/save-go-live-policy.command';
import { SaveGoLivePolicyHandler } from './application/commands/save-go-live-policy/save-go-live-policy.handler';
import type { PortfolioCaller } from './application/portfolio-access';
import { OrderableItems } from './application/ports/orderable-items.port';
import { CatalogueItemStore } from './application/ports/portfolio-stores.port';
import { BrowseCatalogueQuery } from './application/queries/browse-catalogue/browse-catalogue.query';
import { BrowseCatalogueHandler } from './application/queries/browse-catalogue/browse-catalogue.handler';
import { CatalogueErrorCode } from './domain';
import type { ItemDraft } from './domain';
import { bootCatalogueContext } from './test-fixtures/booted-catalogue-context';
import type { BootedCatalogueContext } from './test-fixtures/booted-catalogue-context';

const ADMIN: PortfolioCaller = { userId: 'p-catadmin', roles: ['catalogue-admin'] };
const OWNER: PortfolioCaller = { userId: 'p-owner', roles: ['requester'] };
const caller = (userId: string): PortfolioCaller => ({ userId, roles: ['requester'] });

/**
 * The portfolio lane through the catalogue context booted on the peers: items saved with their
 * form and plan (a cyclic plan refused, nothing written), versions kept for ordering, the entitled
 * browse per requester, and a service through its go-live approval to retirement with its items.
 */
describe('service portfolio and catalogue on the MongoDB peer', () => {
  let booted: BootedCatalogueContext;
  let app: INestApplication;
  let categoryId: string;

  const draft = (name: string, extra: Partial<ItemDraft> = {}): ItemDraft => ({
    name,
    description: `${name} for your work`,
    categoryId,
    form: { variables: [{ name: 'model', label: 'Model', type: 'single_choice', options: [{ value: 'std', label: 'Standard' }, { value: 'pro', label: 'Pro' }], required: true }] },
    plan: { tasks: [{ key: 'prepare', title: 'Prepare', groupId: 'g-service-desk', variables: ['model'], predecessors: [] }] },
    price: { currency: 'EUR', oneOffMinor: 120_000, recurringMonthlyMinor: 0 },
    leadTimeDays: 5,
    ...extra,
  });
  const publish = (d: ItemDraft, as: PortfolioCaller = ADMIN) => app.get(PublishCatalogueItemHandler).execute(new PublishCatalogueItemCommand(as, d));
  const browse = async (who: PortfolioCaller, text: string | null = null): Promise<string[]> =>
    (await app.get(BrowseCatalogueHandler).execute(new BrowseCatalogueQuery(who, categoryId, text, 100, null))).items.map((i) => i.id);
  const eventsOf = (subject: string) => booted.published.filter((e) => e.subject === subject).map((e) => e.type);

  beforeAll(async () => {
    booted = await bootCatalogueContext();
    ({ app } = booted);
    categoryId = (await app.get(SaveCategoryHandler).execute(new SaveCategoryCommand(ADMIN, null, { name: 'Hardware' }))).id;
  });

  afterAll(() => booted.close());

  it('refuses a plan whose tasks wait for each other in a circle, naming the cycle, and writes nothing', async () => {
    const cyclic = draft('Cyclic laptop', {
      plan: {
        tasks: [
          { key: 'a', title: 'A', groupId: 'g-service-desk', variables: [], predecessors: ['c'] },
          { key: 'b', title: 'B', groupId: 'g-service-desk', variables: [], predecessors: ['a'] },
          { key: 'c', title: 'C', groupId: 'g-service-desk', variables: [], predecessors: ['b'] },
        ],
      },
    });
    await expect(app.get(PublishCatalogueItemHandler).execute(new PublishCatalogueItemCommand(ADMIN, cyclic, 'item-cyclic'))).rejects.toMatchObject({
      code: CatalogueErrorCode.CyclicPlan,
      details: { cycle: expect.stringMatching(/^([abc]),([abc]),([abc]),\1$/) as unknown },
    });
    expect(await app.get(CatalogueItemStore).byId('item-cyclic')).toBeUndefined();
  });

  it('refuses a requester publishing an item, and a rule id that does not exist', async () => {
    await expect(publish(draft('Not mine'), caller('p-requester'))).rejects.toMatchObject({ code: CatalogueErrorCode.Forbidden });
    await expect(publish(draft('Ghost rule', { entitlementRuleIds: ['no-such-rule'] }))).rejects.toMatchObject({ code: CatalogueErrorCode.NotFound, details: { ruleId: 'no-such-rule' } });
  });

  it('publishes an edit as version 2 while version 1 stays readable for the requests ordered under it', async () => {
    const item = await publish(draft('Laptop'));
    const edited = await app.get(ReviseCatalogueItemHandler).execute(new ReviseCatalogueItemCommand(ADMIN, item.id, draft('Laptop', { leadTimeDays: 9, price: { currency: 'EUR', oneOffMinor: 150_000, recurringMonthlyMinor: 0 } })));
    expect(edited.versions.map((v) => v.version)).toEqual([1, 2]);
    const orderable = app.get(OrderableItems);
    expect(await orderable.version(item.id, 1)).toMatchObject({ version: 1, leadTimeDays: 5, price: { oneOffMinor: 120_000 }, status: 'published' });
    expect(await orderable.version(item.id, 2)).toMatchObject({ version: 2, leadTimeDays: 9, price: { oneOffMinor: 150_000 } });
    expect(await orderable.version(item.id, 3)).toBeNull();
    expect((await orderable.current([item.id])).get(item.id)).toMatchObject({ version: 2, form: { variables: [expect.objectContaining({ name: 'model' })] } });
    await expectEventually(() => {
      const versions = booted.published.filter((e) => e.subject === serviceSubject('item', item.id)).map((e) => (e.data as { version: number }).version);
      expect(versions).toEqual([1, 2]);
    });
  });

  it('shows each requester the items they are entitled to: internal by default, a customer grant, a deny rule, without retired items', async () => {
    const save = app.get(SaveEntitlementRuleHandler);
    const northwind = await save.execute(new SaveEntitlementRuleCommand(ADMIN, null, { name: 'Northwind customers', organisationIds: ['northwind'] }));
    const noDesk = await save.execute(new SaveEntitlementRuleCommand(ADMIN, null, { name: 'Not the service desk', effect: 'deny', groupIds: ['g-service-desk'] }));
    const internal = await publish(draft('Monitor', { entitlementRuleIds: [noDesk.id] }));
    const customer = await publish(draft('Customer portal access', { entitlementRuleIds: [northwind.id] }));
    const retired = await publish(draft('Fax machine'));
    await app.get(RetireCatalogueItemHandler).execute(new RetireCatalogueItemCommand(ADMIN, retired.id, 'No more fax'));

    const requester = await browse(caller('p-requester'));
    expect(requester).toEqual(expect.arrayContaining([internal.id]));
    expect(requester).not.toContain(customer.id);
    expect(requester).not.toContain(retired.id);
    expect(await browse(caller('p-customer'))).toEqual([customer.id]);
    expect(await browse(caller('p-fulfiller'))).not.toContain(internal.id);
    expect(await browse(caller('p-requester'), 'MONITOR')).toEqual([internal.id]);
    expect(await browse(ADMIN)).toEqual(expect.arrayContaining([internal.id, customer.id]));

    // Deleting the grant closes the item to those it granted (it does not open to everyone).
    await app.get(DeleteEntitlementRuleHandler).execute(new DeleteEntitlementRuleCommand(ADMIN, northwind.id));
    expect(await browse(caller('p-customer'))).toEqual([]);
    expect(await browse(caller('p-requester'))).not.toContain(customer.id);
  });

  it("closes an offering's items to people outside its customer organisations (browse, item, order), as the service names them now", async () => {
    const both = await app.get(SaveEntitlementRuleHandler).execute(new SaveEntitlementRuleCommand(ADMIN, null, { name: 'Contoso and Northwind', organisationIds: ['contoso', 'northwind'] }));
    const offering = (offeringId: string, customerOrgIds: string[]) => ({ offeringId, name: offeringId, availability: '24x7', supportGroupId: null, slaDefinitionIds: [], customerOrgIds });
    const details = (customers: string[]) => ({ name: 'Field support', kind: 'business' as const, ownerId: 'p-owner', offerings: [offering('northwind-field', customers), offering('all-field', [])] });
    const service = await app.get(CreateServiceHandler).execute(new CreateServiceCommand(ADMIN, details(['northwind'])));
    // No go-live policy yet (the steering one is saved by a later test): live at once.
    expect(await app.get(ProposeServiceGoLiveHandler).execute(new ProposeServiceGoLiveCommand(ADMIN, service.id))).toMatchObject({ lifecycle: 'live' });
    const closed = await publish(draft('Field engineer visit', { serviceId: service.id, offeringId: 'northwind-field', entitlementRuleIds: [both.id] }));
    const open = await publish(draft('Field spare parts', { serviceId: service.id, offeringId: 'all-field', entitlementRuleIds: [both.id] }));

    expect(await browse(caller('p-customer'), 'field')).toEqual([closed.id, open.id]);
    expect(await browse(caller('p-requester'), 'field')).toEqual([open.id]);
    expect(await browse(ADMIN, 'field')).toEqual([closed.id, open.id]);
    const requester = await booted.token('p-requester', ['requester']);
    const item = await booted.graphql(requester, 'query($id: ID!) { catalogItem(id: $id) { id } }', { id: closed.id });
    expect(item.errors?.[0]?.extensions?.code).toBe(CatalogueErrorCode.NotFound);
    const order = 'mutation($input: OrderCatalogItemsInput!) { orderCatalogItems(input: $input) { id } }';
    const refused = await booted.graphql(requester, order, { input: { lines: [{ itemId: closed.id, quantity: 1, variables: JSON.stringify({ model: 'std' }) }] } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: CatalogueErrorCode.NotEntitled, details: { line: 0, itemId: closed.id } });

    // The service's offering now also serves Contoso: read at each browse and order, nothing to re-publish.
    await app.get(UpdateServiceHandler).execute(new UpdateServiceCommand(ADMIN, service.id, details(['northwind', 'contoso'])));
    expect(await browse(caller('p-requester'), 'field')).toEqual([closed.id, open.id]);
    const ordered = await booted.graphql(requester, order, { input: { lines: [{ itemId: closed.id, quantity: 1, variables: JSON.stringify({ model: 'std' }) }] } });
    expect(ordered.errors).toBeUndefined();
  });

  it('serves the catalogue through GraphQL: a cyclic plan refused with its code, the entitled browse, one item with its form as data', async () => {
    const admin = await booted.token('p-catadmin', ['catalogue-admin']);
    const requester = await booted.token('p-requester', ['requester']);
    const customer = await booted.token('p-customer', ['requester']);
    const publishItem = 'mutation($input: CatalogItemInput!) { publishCatalogItem(input: $input) { id version status form { name type options { value } } plan { key } } }';
    const input = (plan: { key: string; title: string; groupId: string; predecessors: string[] }[]) => ({
      name: 'Headset',
      categoryId,
      form: [{ name: 'model', label: 'Model', type: 'single_choice', required: true, options: [{ value: 'wired', label: 'Wired' }, { value: 'wireless', label: 'Wireless' }] }],
      plan,
      price: { currency: 'EUR', oneOffMinor: 9_900, recurringMonthlyMinor: 0 },
      leadTimeDays: 2,
    });
    const refused = await booted.graphql(admin, publishItem, {
      input: input([
        { key: 'order', title: 'Order', groupId: 'g-service-desk', predecessors: ['ship'] },
        { key: 'ship', title: 'Ship', groupId: 'g-service-desk', predecessors: ['order'] },
      ]),
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: CatalogueErrorCode.CyclicPlan, details: { cycle: expect.stringContaining('order') as unknown } });

    const published = await booted.graphql(admin, publishItem, { input: input([{ key: 'ship', title: 'Ship', groupId: 'g-service-desk', predecessors: [] }]) });
    expect(published.errors).toBeUndefined();
    const itemId = String(published.data?.['publishCatalogItem']?.['id']);

    const browseQuery = 'query($categoryId: ID, $text: String) { catalogItems(categoryId: $categoryId, text: $text, first: 10) { edges { node { id name } } pageInfo { hasNextPage } } }';
    const browsed = await booted.graphql(requester, browseQuery, { categoryId, text: 'headset' });
    expect(browsed.data?.['catalogItems']).toEqual({ edges: [{ node: { id: itemId, name: 'Headset' } }], pageInfo: { hasNextPage: false } });

    const one = await booted.graphql(requester, 'query($id: ID!) { catalogItem(id: $id) { version price { oneOffMinor } form { name type required options { value label } } } }', { id: itemId });
    expect(one.data?.['catalogItem']).toEqual({ version: 1, price: { oneOffMinor: 9_900 }, form: [{ name: 'model', type: 'single_choice', required: true, options: [{ value: 'wired', label: 'Wired' }, { value: 'wireless', label: 'Wireless' }] }] });
    const hidden = await booted.graphql(customer, 'query($id: ID!) { catalogItem(id: $id) { id } }', { id: itemId });
    expect(hidden.errors?.[0]?.extensions?.code).toBe(CatalogueErrorCode.NotFound);
  });

  it('takes a service live through the steering approval, shows its items only then, and retires them with it', async () => {
    await app.get(SaveGoLivePolicyHandler).execute(
      new SaveGoLivePolicyCommand(ADMIN, {
        id: 'steering',
        name: 'Portfolio steering',
        order: 1,
        active: true,
        appliesWhen: null,
        autoApproveWhen: null,
        levels: [{ name: 'Steering board', approvers: { groupIds: ['g-portfolio-steering'], userIds: [], roles: [] }, rule: { kind: 'all' }, mandatory: true }],
      }),
    );
    const service = await app.get(CreateServiceHandler).execute(
      new CreateServiceCommand(ADMIN, {
        name: 'Workplace',
        kind: 'business',
        ownerId: 'p-owner',
        offerings: [{ offeringId: 'workplace-std', name: 'Standard workplace', availability: 'business hours CET', supportGroupId: 'g-service-desk', slaDefinitionIds: [], customerOrgIds: [] }],
      }),
    );
    const item = await publish(draft('Docking station', { serviceId: service.id, offeringId: 'workplace-std' }), OWNER);
    expect(await browse(caller('p-requester'))).not.toContain(item.id);
    const orderableStatus = async () => (await app.get(OrderableItems).current([item.id])).get(item.id)?.status;
    expect(await orderableStatus()).toBe('retired');

    const proposed = await app.get(ProposeServiceGoLiveHandler).execute(new ProposeServiceGoLiveCommand(OWNER, service.id));
    expect(proposed).toMatchObject({ lifecycle: 'pipeline', approval: { outcome: 'pending' } });
    const steering1 = await booted.token('p-steering-1', ['requester']);
    const pending = async (): Promise<unknown> => (await booted.graphql(steering1, '{ pendingServiceApprovals { id lifecycle approval { outcome levels { name status approverIds } } } }')).data?.['pendingServiceApprovals'];
    expect(await pending()).toEqual([{ id: service.id, lifecycle: 'pipeline', approval: { outcome: 'pending', levels: [{ name: 'Steering board', status: 'pending', approverIds: ['p-steering-1', 'p-steering-2'] }] } }]);
    const decide = (who: string) => app.get(DecideServiceApprovalHandler).execute(new DecideServiceApprovalCommand(caller(who), service.id, 'approved', null));
    await expect(decide('p-requester')).rejects.toMatchObject({ code: CatalogueErrorCode.Forbidden });
    expect((await decide('p-steering-1')).lifecycle).toBe('pipeline');
    expect(await pending()).toEqual([]);
    expect((await decide('p-steering-2')).lifecycle).toBe('live');
    expect(await browse(caller('p-requester'))).toContain(item.id);
    expect(await orderableStatus()).toBe('published');

    await app.get(RetireServiceHandler).execute(new RetireServiceCommand(OWNER, service.id, 'Replaced'));
    expect(await browse(caller('p-requester'))).not.toContain(item.id);
    expect(await orderableStatus()).toBe('retired');
    expect((await app.get(CatalogueItemStore).byId(item.id))?.status).toBe('retired');
    const serviceKey = serviceSubject('service', service.id);
    const itemKey = serviceSubject('item', item.id);
    await expectEventually(() => {
      expect(eventsOf(serviceKey)).toEqual([
        'itsm.service.created.v1',
        'itsm.service.approval-requested.v1',
        'itsm.service.approval-decided.v1',
        'itsm.service.approval-decided.v1',
        'itsm.service.lifecycle-changed.v1',
        'itsm.service.lifecycle-changed.v1',
      ]);
      expect(eventsOf(itemKey)).toEqual(['itsm.service.item-published.v1', 'itsm.service.item-retired.v1']);
    });
    const retiredAt = booted.published.findIndex((e) => e.subject === serviceKey && (e.data as { lifecycle: string }).lifecycle === 'retired');
    const itemRetiredAt = booted.published.findIndex((e) => e.subject === itemKey && e.type === 'itsm.service.item-retired.v1');
    expect(retiredAt).toBeGreaterThanOrEqual(0);
    expect(itemRetiredAt).toBeGreaterThan(retiredAt);
  });
});
