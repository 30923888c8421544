import { cmdbTopic } from '@itsm/contracts';
import { CmdbProjection } from '@itsm/platform/persistence';
import { CmdbFeed, expectEventually } from '@itsm/testing';
import { CatalogueErrorCode } from './domain';
import { bootCatalogueContext } from './test-fixtures/booted-catalogue-context';
import type { BootedCatalogueContext, GraphqlAnswer } from './test-fixtures/booted-catalogue-context';

const ORDER = 'mutation($input: OrderCatalogItemsInput!) { orderCatalogItems(input: $input) { id items { state } } }';
const CREATE_SERVICE = 'mutation($input: PortfolioServiceInput!) { createService(input: $input) { id configurationItemIds } }';
const UPDATE_SERVICE = 'mutation($id: ID!, $input: PortfolioServiceInput!) { updateService(id: $id, input: $input) { id configurationItemIds } }';
const SERVICES = 'query { services(first: 200) { edges { node { id name } } } }';

/**
 * Configuration-item references checked against the catalogue's CMDB projection (the platform's
 * CmdbProjection), the CIs arriving as `itsm.cmdb.v1` events through the context's consumer: a form
 * value naming an unknown or retired CI is refused as UNKNOWN_REFERENCE (line, item, variable) and
 * a service's CMDB service CIs as NOT_FOUND (field), writing nothing; a live CI is accepted.
 */
describe('configuration-item references against the CMDB projection', () => {
  let booted: BootedCatalogueContext;
  let itemId = '';
  const cmdb = new CmdbFeed();

  const as = (who: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer> => booted.as(who, query, variables);
  const ok = <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => booted.ok<T>(who, query, variables);
  const order = (ci: string) =>
    as('p-requester', ORDER, { input: { lines: [{ itemId, quantity: 1, variables: JSON.stringify({ host: ci }) }] } });
  const myRequests = async () => (await ok<{ edges: unknown[] }>('p-requester', 'query { requests(first: 100) { edges { node { id } } } }')).edges.length;
  const serviceInput = (name: string, configurationItemIds: string[]) => ({ name, kind: 'technical', ownerId: 'p-owner', configurationItemIds, offerings: [] });
  const serviceNames = async () => (await ok<{ edges: { node: { name: string } }[] }>('p-catadmin', SERVICES)).edges.map((e) => e.node.name);

  beforeAll(async () => {
    booted = await bootCatalogueContext();
    // Through the bus and the context's CmdbEventsConsumer, as in production (a relationship is read and ignored).
    await booted.bus.publishEnvelopes(cmdbTopic.name, [
      cmdb.ciCreated({ ciId: 'ci-web-01', name: 'web-01' }),
      cmdb.ciCreated({ ciId: 'ci-mail', classId: 'business_service', name: 'Mail' }),
      cmdb.ciCreated({ ciId: 'ci-old', classId: 'business_service', name: 'Old mail' }),
      cmdb.ciCreated({ ciId: 'ci-crm', classId: 'business_service', name: 'CRM' }),
      cmdb.relationshipAdded('rel-1', 'ci-mail', 'ci-web-01'),
      cmdb.ciRetired('ci-old'),
    ]);
    await expectEventually(async () => {
      const cis = await booted.app.get(CmdbProjection).cis(['ci-web-01', 'ci-mail', 'ci-old', 'ci-crm']);
      expect([cis.size, cis.get('ci-old')?.retired]).toEqual([4, true]);
    });
    const categoryId = (await ok<{ id: string }>('p-catadmin', 'mutation { saveCatalogCategory(input: { name: "Servers" }) { id } }')).id;
    itemId = (
      await ok<{ id: string }>('p-catadmin', 'mutation($input: CatalogItemInput!) { publishCatalogItem(input: $input) { id } }', {
        input: {
          name: 'Server restart',
          categoryId,
          form: [{ name: 'host', label: 'Host', type: 'configuration_item', required: true }],
          plan: [{ key: 'restart', title: 'Restart the host', groupId: 'g-service-desk', variables: ['host'] }],
          price: { currency: 'EUR', oneOffMinor: 0, recurringMonthlyMinor: 0 },
          leadTimeDays: 1,
        },
      })
    ).id;
  });
  afterAll(() => booted?.close());

  it('refuses a form value naming an unknown or a retired CI (UNKNOWN_REFERENCE naming line, item and variable), writing nothing; accepts a live one', async () => {
    const before = await myRequests();
    for (const ci of ['ci-nothing', 'ci-old']) {
      expect((await order(ci)).errors?.[0]?.extensions).toMatchObject({ code: CatalogueErrorCode.UnknownReference, details: { line: 0, itemId, variable: 'host', kind: 'configuration_item', id: ci } });
    }
    expect(await myRequests()).toBe(before);
    const accepted = await order('ci-web-01');
    expect(accepted.errors).toBeUndefined();
    expect(await myRequests()).toBe(before + 1);
  });

  it("refuses a service's CMDB service CI that is unknown or retired on create and update (NOT_FOUND naming the field) or of another class (INVALID_INPUT not_a_service_ci), writing nothing; accepts live service CIs", async () => {
    for (const ci of ['ci-nothing', 'ci-old']) {
      expect((await as('p-catadmin', CREATE_SERVICE, { input: serviceInput(`Hosting ${ci}`, ['ci-mail', ci]) })).errors?.[0]?.extensions).toMatchObject({ code: CatalogueErrorCode.NotFound, details: { field: 'configurationItemIds', ciId: ci } });
    }
    expect(await serviceNames()).not.toEqual(expect.arrayContaining([expect.stringMatching(/^Hosting /) as unknown]));

    const created = await ok<{ id: string; configurationItemIds: string[] }>('p-catadmin', CREATE_SERVICE, { input: serviceInput('Mail hosting', ['ci-mail']) });
    expect(created.configurationItemIds).toEqual(['ci-mail']);
    const refused = await as('p-catadmin', UPDATE_SERVICE, { id: created.id, input: serviceInput('Mail hosting', ['ci-mail', 'ci-old']) });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: CatalogueErrorCode.NotFound, details: { field: 'configurationItemIds', ciId: 'ci-old' } });
    expect(await ok('p-catadmin', 'query($id: ID!) { service(id: $id) { configurationItemIds } }', { id: created.id })).toEqual({ configurationItemIds: ['ci-mail'] });
    const notService = await as('p-catadmin', UPDATE_SERVICE, { id: created.id, input: serviceInput('Mail hosting', ['ci-mail', 'ci-web-01']) });
    expect(notService.errors?.[0]?.extensions).toMatchObject({ code: CatalogueErrorCode.InvalidInput, details: { field: 'configurationItemIds', ciId: 'ci-web-01', reason: 'not_a_service_ci' } });
    expect(await ok('p-catadmin', UPDATE_SERVICE, { id: created.id, input: serviceInput('Mail hosting', ['ci-mail', 'ci-crm']) })).toMatchObject({ configurationItemIds: ['ci-mail', 'ci-crm'] });
  });
});
