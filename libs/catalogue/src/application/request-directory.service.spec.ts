import { InMemoryCmdbProjection, InMemoryDirectoryProjection } from '@itsm/platform/persistence';
import { CmdbFeed, DirectoryFeed } from '@itsm/testing';
import { catalogueDirectory } from '../test-fixtures/catalogue-directory';
import { KnownServices } from './ports/known-services.port';
import { RequestDirectory } from './request-directory.service';

class ListedServices extends KnownServices {
  unknown(ids: readonly string[]): Promise<readonly string[]> {
    return Promise.resolve(ids.filter((id) => id !== 'svc-email'));
  }
}

describe('the request directory (profiles, references, approvers, fulfilment groups)', () => {
  let projection: InMemoryDirectoryProjection;
  let cmdb: InMemoryCmdbProjection;
  beforeEach(async () => {
    projection = await new InMemoryDirectoryProjection().feed(...catalogueDirectory(new DirectoryFeed()));
    const feed = new CmdbFeed();
    cmdb = await new InMemoryCmdbProjection().feed(feed.ciCreated({ ciId: 'ci-web-01' }), feed.ciCreated({ ciId: 'ci-old' }), feed.ciRetired('ci-old'));
  });

  it('builds a profile with the organisation kind and the roles and groups its memberships give', async () => {
    const { profile } = await new RequestDirectory(projection, new ListedServices(), cmdb).person('p-supplier', 'requestedById');
    expect(profile).toEqual({ personId: 'p-supplier', organisationId: 'fabrikam', organisationKind: 'supplier', roles: ['supplier-agent'], groupIds: ['g-fabrikam-hosting'] });
    await expect(new RequestDirectory(projection, new ListedServices(), cmdb).person('p-gone', 'requestedForId')).rejects.toMatchObject({ code: 'CATALOGUE.NOT_FOUND', details: { field: 'requestedForId', personId: 'p-gone' } });
  });

  it('knows active people, live groups, services through the portfolio and live configuration items from the CMDB projection', async () => {
    const references = new RequestDirectory(projection, new ListedServices(), cmdb).references();
    expect(await references.unknown('person', ['p-requester', 'p-gone', 'p-nobody'])).toEqual(['p-gone', 'p-nobody']);
    expect(await references.unknown('group', ['g-service-desk', 'g-nothing'])).toEqual(['g-nothing']);
    expect(await references.unknown('service', ['svc-email', 'svc-fax'])).toEqual(['svc-fax']);
    expect(await references.unknown('configuration_item', ['ci-web-01', 'ci-old', 'ci-nothing', ' not an id'])).toEqual(['ci-old', 'ci-nothing', ' not an id']);
  });

  it('resolves approvers: users, group members, role holders, and requester-manager as the manager of the person it is for', async () => {
    const directory = new RequestDirectory(projection, new ListedServices(), cmdb);
    const requestedFor = (await directory.person('p-other', 'requestedForId')).person;
    const level = (approvers: { groupIds?: string[]; userIds?: string[]; roles?: string[] }) => ({
      policyId: 'pol',
      definition: { name: 'L', approvers: { groupIds: [], userIds: [], roles: [], ...approvers }, rule: { kind: 'all' as const }, mandatory: true },
    });
    expect(await directory.approvers([level({ roles: ['requester-manager'] }), level({ groupIds: ['g-portfolio-steering'], userIds: ['p-owner', 'p-gone'] }), level({ roles: ['catalogue-admin', 'supplier-agent'] })], requestedFor)).toEqual([
      ['p-manager'],
      ['p-owner', 'p-steering-1', 'p-steering-2'],
      ['p-catadmin', 'p-supplier'],
    ]);
    const noManager = (await directory.person('p-customer', 'requestedForId')).person;
    expect(await directory.approvers([level({ roles: ['requester-manager'] })], noManager)).toEqual([[]]);
  });

  it('names the supplier organisation of a supplier group only', async () => {
    const groups = await new RequestDirectory(projection, new ListedServices(), cmdb).fulfilmentGroups(['g-service-desk', 'g-fabrikam-hosting', 'g-nothing']);
    expect(Object.fromEntries([...groups].map(([id, g]) => [id, g.supplierOrgId]))).toEqual({ 'g-service-desk': null, 'g-fabrikam-hosting': 'fabrikam' });
  });
});
