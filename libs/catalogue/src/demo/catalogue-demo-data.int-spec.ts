import type { Role } from '@itsm/platform/auth';
import { DirectoryFeed } from '@itsm/testing';
import { CategoryStore, ServiceStore } from '../application/ports/portfolio-stores.port';
import { bootCatalogueContext } from '../test-fixtures/booted-catalogue-context';
import type { BootedCatalogueContext, GraphqlAnswer } from '../test-fixtures/booted-catalogue-context';
import { DEMO_CATALOGUE_NAMES, seedDemoCatalogue } from './catalogue-demo-data';
import { DEMO_BUNDLE_IDS, DEMO_ITEM_IDS } from './catalogue-demo-items';

/** The directory demo's names the catalogue demo and this spec use (ids = names, as the directory's demo makes them). */
function demoDirectory(feed: DirectoryFeed) {
  const person = (personId: string, organisationId: string, managerId: string | null = null) => feed.person({ personId, userName: personId, displayName: personId, organisationId, roles: [], managerId, timeZone: 'Europe/Berlin' });
  return [
    feed.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
    feed.organisation({ organisationId: 'fabrikam', name: 'Fabrikam Retail', kind: 'customer' }),
    feed.organisation({ organisationId: 'tailspin-hosting', name: 'Tailspin Hosting', kind: 'supplier' }),
    ...DEMO_CATALOGUE_NAMES.people.map((id) => person(id, 'contoso')),
    person('u-incident-manager', 'contoso'),
    person('u-alice', 'contoso', 'u-incident-manager'),
    person('u-bob', 'contoso'),
    person('u-requester', 'fabrikam'),
    person('u-tom', 'tailspin-hosting'),
    feed.group({ groupId: 'service-desk', name: 'Service Desk', kind: 'assignment', organisationId: 'contoso', roles: [] }),
    feed.membersAdded('service-desk', ['u-alice', 'u-incident-manager']),
    feed.group({ groupId: 'app-support', name: 'Application Support', kind: 'assignment', organisationId: 'contoso', roles: [] }),
    feed.membersAdded('app-support', ['u-bob']),
    feed.group({ groupId: 'hosting-ops', name: 'Hosting Operations', kind: 'assignment', organisationId: 'tailspin-hosting', roles: [] }),
    feed.membersAdded('hosting-ops', ['u-tom']),
  ];
}

const ITEM_FIELDS = 'id name version status form { name type required options { value } visibleWhen requiredWhen defaultValue } plan { key groupId predecessors }';
const REQUEST_FIELDS = 'id number state requestedForId items { number state catalogItemId variables tasks { key state groupId supplierOrgId } approval { outcome levels { name status approverIds } } }';

/**
 * The catalogue demo on the peers, the directory demo's names projected first: what a customer's
 * requester and an internal employee browse, the laptop ordered with its conditional docking
 * station, the access item's manager approval, the supplier's part of the server, the portfolio.
 */
describe('catalogue demo data', () => {
  let booted: BootedCatalogueContext;
  let seeded: ReadonlyMap<string, string>;
  const as = async (userId: string, roles: Role[], query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer> => booted.graphql(await booted.token(userId, roles), query, variables);
  const browse = async (userId: string): Promise<unknown> => (await as(userId, ['requester'], '{ catalogItems(first: 20) { edges { node { id name } } } }')).data?.['catalogItems'];

  beforeAll(async () => {
    booted = await bootCatalogueContext({ directory: false });
    await booted.projectDirectory(...demoDirectory(new DirectoryFeed()));
    // As the catalogue service runs on its own (compose): no ids handed over, the directory demo's names are its ids.
    seeded = await seedDemoCatalogue(booted.app, new Map());
  });

  afterAll(() => booted.close());

  it('seeds the portfolio: two live services with offerings naming the SLA demo definitions, one waiting for portfolio steering', async () => {
    const services = await booted.app.get(ServiceStore).byIds(['workplace', 'hosting', 'collaboration']);
    expect([...services.values()].map((s) => [s.id, s.lifecycle, s.offerings.map((o) => [o.offeringId, o.slaDefinitionIds])])).toEqual([
      ['workplace', 'live', [['workplace-standard', ['sla-request-resolution']]]],
      ['hosting', 'live', [['hosting-vm', ['sla-request-resolution', 'uc-tailspin-task']]]],
      ['collaboration', 'pipeline', []],
    ]);
    const steering = await as('u-change-manager', ['change-manager'], '{ pendingServiceApprovals { id approval { levels { name approverIds } } } }');
    expect(steering.data?.['pendingServiceApprovals']).toEqual([{ id: 'collaboration', approval: { levels: [{ name: 'Steering board', approverIds: ['u-cab-3', 'u-change-manager'] }] } }]);
    expect((await booted.app.get(CategoryStore).all()).map((c) => c.name).sort()).toEqual(['Access', 'Hardware', 'Infrastructure', 'Telephony']);
    expect(seeded.get('laptop')).toBe(DEMO_ITEM_IDS.laptop);
  });

  it("shows Fabrikam's requester the laptop only (its grant), an employee the three live items, nobody the retired fax line", async () => {
    expect(await browse('u-requester')).toEqual({ edges: [{ node: { id: DEMO_ITEM_IDS.laptop, name: 'Laptop' } }] });
    expect(await browse('u-alice')).toEqual({
      edges: [
        { node: { id: DEMO_ITEM_IDS.access, name: 'Access to the Retail back office' } },
        { node: { id: DEMO_ITEM_IDS.laptop, name: 'Laptop' } },
        { node: { id: DEMO_ITEM_IDS.server, name: 'New virtual server' } },
      ],
    });
    const fax = await as('u-admin', ['catalogue-admin'], `query($id: ID!) { catalogItem(id: $id) { status } }`, { id: DEMO_ITEM_IDS.fax });
    expect(fax.data?.['catalogItem']).toEqual({ status: 'retired' });
    const laptop = await as('u-requester', ['requester'], `query($id: ID!) { catalogItem(id: $id) { ${ITEM_FIELDS} } }`, { id: DEMO_ITEM_IDS.laptop });
    const form = (laptop.data?.['catalogItem'] as { form: { name: string; visibleWhen: string | null; requiredWhen: string | null; defaultValue: string | null }[] }).form;
    expect(form.map((v) => v.name)).toEqual(['model', 'dock', 'dockModel', 'deliverTo']);
    expect(form[2]).toMatchObject({ visibleWhen: JSON.stringify({ variable: 'dock', equals: [true] }), requiredWhen: JSON.stringify({ variable: 'dock', equals: [true] }) });
    expect(form[0]?.defaultValue).toBe(JSON.stringify('standard-14'));
  });

  it('orders the laptop with its docking station: the dock model is required once asked for, the item approved at once and its imaging task open', async () => {
    const orderQuery = `mutation($input: OrderCatalogItemsInput!) { orderCatalogItems(input: $input) { ${REQUEST_FIELDS} } }`;
    const line = (variables: Record<string, unknown>) => ({ input: { lines: [{ itemId: DEMO_ITEM_IDS.laptop, variables: JSON.stringify(variables) }] } });
    const withoutModel = await as('u-requester', ['requester'], orderQuery, line({ model: 'performance-16', dock: true, deliverTo: 'Store 12, Chicago' }));
    expect(withoutModel.errors?.[0]?.extensions).toMatchObject({ code: 'CATALOGUE.MISSING_VARIABLE', details: expect.objectContaining({ variable: 'dockModel' }) as unknown });

    const ordered = await as('u-requester', ['requester'], orderQuery, line({ model: 'performance-16', dock: true, dockModel: 'thunderbolt', deliverTo: 'Store 12, Chicago' }));
    expect(ordered.errors).toBeUndefined();
    const request = ordered.data?.['orderCatalogItems'] as { items: { variables: string }[] };
    expect(request).toMatchObject({ state: 'open', requestedForId: 'u-requester', items: [{ state: 'approved', catalogItemId: DEMO_ITEM_IDS.laptop, approval: null, tasks: [{ key: 'image', state: 'open', groupId: 'app-support', supplierOrgId: null }, { key: 'deliver', state: 'pending', groupId: 'service-desk' }] }] });
    expect(JSON.parse(request.items[0]?.variables ?? '{}')).toEqual({ model: 'performance-16', dock: true, dockModel: 'thunderbolt', deliverTo: 'Store 12, Chicago' });
  });

  it("waits for the employee's manager on an access request, then the server's provisioning is Tailspin's alone", async () => {
    const orderQuery = `mutation($input: OrderCatalogItemsInput!) { orderCatalogItems(input: $input) { ${REQUEST_FIELDS} } }`;
    const access = await as('u-alice', ['agent'], orderQuery, { input: { lines: [{ itemId: DEMO_ITEM_IDS.access, variables: JSON.stringify({ role: 'editor', reason: 'I maintain the store price lists.' }) }] } });
    expect(access.errors).toBeUndefined();
    expect(access.data?.['orderCatalogItems']).toMatchObject({ items: [{ state: 'awaiting_approval', approval: { outcome: 'pending', levels: [{ name: 'Manager', status: 'pending', approverIds: ['u-incident-manager'] }] } }] });
    const itemNumber = (access.data?.['orderCatalogItems'] as { items: { number: string }[] }).items[0]?.number;
    const approvals = await as('u-incident-manager', ['incident-manager'], '{ myApprovals { edges { node { item { id number } } } } }');
    const mine = (approvals.data?.['myApprovals'] as { edges: { node: { item: { id: string; number: string } } }[] }).edges;
    expect(mine.map((e) => e.node.item.number)).toEqual([itemNumber]);
    const decided = await as('u-incident-manager', ['incident-manager'], 'mutation($item: ID!) { decideRequestApproval(requestedItemId: $item, decision: approved) { items { state tasks { key state } } } }', { item: mine[0]?.node.item.id });
    expect(decided.data?.['decideRequestApproval']).toEqual({ items: [{ state: 'approved', tasks: [{ key: 'grant', state: 'open' }] }] });

    const server = await as('u-alice', ['agent'], orderQuery, { input: { lines: [{ itemId: DEMO_ITEM_IDS.server, variables: JSON.stringify({ hostname: 'shop-api-03', os: 'ubuntu-24.04', vcpu: 4, memoryGb: 16, backup: true, costCentre: 'CC-4711' }) }] } });
    expect(server.errors).toBeUndefined();
    expect(server.data?.['orderCatalogItems']).toMatchObject({
      items: [{ tasks: [{ key: 'provision', state: 'open', supplierOrgId: 'tailspin-hosting' }, { key: 'dns', state: 'open', supplierOrgId: null }, { key: 'handover', state: 'pending' }] }],
    });
    const tasks = await booted.graphql(await booted.token('u-tom', ['supplier-agent'], 'tailspin-hosting'), '{ tasks(first: 10) { edges { node { key variables } } } }');
    expect(tasks.data?.['tasks']).toEqual({ edges: [{ node: { key: 'provision', variables: JSON.stringify({ hostname: 'shop-api-03', os: 'ubuntu-24.04', vcpu: 4, memoryGb: 16, backup: true }) } }] });
  });

  it('publishes the New starter bundle (docked laptop, back-office viewer): an employee may order it, Fabrikam\'s requester (no access item) does not see it', async () => {
    expect(seeded.get('new-starter')).toBe(DEMO_BUNDLE_IDS.newStarter);
    const bundles = async (userId: string): Promise<unknown> => (await as(userId, ['requester'], '{ catalogBundles(first: 20) { edges { node { id name status items { itemId } } } } }')).data?.['catalogBundles'];
    expect(await bundles('u-alice')).toEqual({ edges: [{ node: { id: DEMO_BUNDLE_IDS.newStarter, name: 'New starter', status: 'published', items: [{ itemId: DEMO_ITEM_IDS.laptop }, { itemId: DEMO_ITEM_IDS.access }] } }] });
    expect(await bundles('u-requester')).toEqual({ edges: [] });
    const ordered = await as('u-alice', ['requester'], 'mutation($input: OrderCatalogItemsInput!) { orderCatalogItems(input: $input) { items { catalogItemId bundleId variables } } }', {
      input: { lines: [{ bundleId: DEMO_BUNDLE_IDS.newStarter, variables: JSON.stringify({ [DEMO_ITEM_IDS.laptop]: { deliverTo: 'Desk 4.12' } }) }] },
    });
    expect(ordered.errors).toBeUndefined();
    expect(ordered.data?.['orderCatalogItems']).toEqual({
      items: [
        { catalogItemId: DEMO_ITEM_IDS.laptop, bundleId: DEMO_BUNDLE_IDS.newStarter, variables: JSON.stringify({ model: 'standard-14', dock: true, dockModel: 'usb-c', deliverTo: 'Desk 4.12' }) },
        { catalogItemId: DEMO_ITEM_IDS.access, bundleId: DEMO_BUNDLE_IDS.newStarter, variables: JSON.stringify({ role: 'viewer', reason: 'Access for a new starter in the team.' }) },
      ],
    });
  });

  it('seeds once: a second run adds nothing', async () => {
    expect((await seedDemoCatalogue(booted.app, new Map())).size).toBe(0);
  });
});
