import type { DirectoryViewer } from '../../../domain';
import { DirectoryErrorCode } from '../../../domain';
import type { OrganisationKind } from '../../../domain';
import { anOrganisation, InMemoryOrganisationQueries } from '../../test-fixtures/in-memory-directory-reads';
import { OrganisationsHandler } from './organisations.handler';
import { OrganisationsQuery } from './organisations.query';
import type { OrganisationFilter } from './organisations.query';

const AGENT: DirectoryViewer = { userId: 'u-agent', roles: ['agent'], orgId: undefined };
const handler = new OrganisationsHandler(
  new InMemoryOrganisationQueries([
    anOrganisation('tailspin', { name: 'Tailspin Hosting', kind: 'supplier', parentId: 'contoso' }),
    anOrganisation('contoso', { name: 'Contoso' }),
    anOrganisation('northwind', { name: 'Northwind Networks', kind: 'supplier', active: false }),
    anOrganisation('fabrikam', { name: 'Fabrikam', kind: 'customer' }),
  ]),
);
const run = async (viewer: DirectoryViewer, filter: OrganisationFilter = {}, first = 50, after?: string) => {
  const page = await handler.execute(new OrganisationsQuery(viewer, filter, { first, after }));
  return [page.items.map((o) => o.id), page.hasNextPage];
};

describe('OrganisationsHandler', () => {
  it('pages organisations in id order by keyset', async () => {
    expect(await run(AGENT, {}, 3)).toEqual([['contoso', 'fabrikam', 'northwind'], true]);
    expect(await run(AGENT, {}, 3, 'northwind')).toEqual([['tailspin'], false]);
  });

  it('filters by kind, name, parent and active', async () => {
    expect(await run(AGENT, { kind: 'supplier' })).toEqual([['northwind', 'tailspin'], false]);
    expect(await run(AGENT, { kind: 'supplier', active: true })).toEqual([['tailspin'], false]);
    expect(await run(AGENT, { nameContains: 'NETWORKS' })).toEqual([['northwind'], false]);
    expect(await run(AGENT, { parentId: 'contoso' })).toEqual([['tailspin'], false]);
  });

  it('shows a supplier agent its own organisation only and a requester none', async () => {
    expect(await run({ userId: 'u-nw', roles: ['supplier-agent'], orgId: 'northwind' })).toEqual([['northwind'], false]);
    expect(await run({ userId: 'u-r', roles: ['requester'], orgId: undefined })).toEqual([[], false]);
  });

  it('refuses an unknown kind and a blank name', async () => {
    await expect(run(AGENT, { kind: 'partner' as OrganisationKind })).rejects.toMatchObject({ code: DirectoryErrorCode.InvalidInput, details: { field: 'kind' } });
    await expect(run(AGENT, { nameContains: '' })).rejects.toMatchObject({ code: DirectoryErrorCode.InvalidInput, details: { field: 'nameContains' } });
  });
});
