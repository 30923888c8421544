import { DirectoryErrorCode } from '../../../domain';
import { inMemoryDirectory } from '../../test-fixtures/in-memory-directory';
import { SaveOrganisationCommand } from './save-organisation.command';

describe('SaveOrganisationHandler', () => {
  it('creates, updates and leaves an unchanged organisation without an event', async () => {
    const directory = inMemoryDirectory();
    await directory.organisation('fabrikam');
    await directory.organisation('fabrikam-de', 'customer', 'fabrikam');
    await directory.organisation('fabrikam-de', 'customer', 'fabrikam');
    await directory.saveOrganisation.execute(new SaveOrganisationCommand({ by: 'u-admin' }, { id: 'fabrikam', name: 'Fabrikam Retail', kind: 'customer', parentId: null, active: true }));
    expect(directory.organisations.events().map((e) => ('organisationId' in e.data ? e.data.organisationId : null))).toEqual(['fabrikam', 'fabrikam-de', 'fabrikam']);
  });

  it('refuses an unknown parent, a cycle, and a bound writer', async () => {
    const directory = inMemoryDirectory();
    await expect(directory.organisation('child', 'customer', 'nowhere')).rejects.toMatchObject({ code: DirectoryErrorCode.OrganisationNotFound });
    await directory.organisation('top');
    await directory.organisation('middle', 'customer', 'top');
    await expect(directory.organisation('top', 'customer', 'middle')).rejects.toMatchObject({ code: DirectoryErrorCode.InvalidInput, details: { field: 'parentId' } });
    await expect(directory.saveOrganisation.execute(new SaveOrganisationCommand({ by: 'scim:c1', organisationId: 'top' }, { id: 'x1', name: 'X', kind: 'customer', parentId: null, active: true }))).rejects.toMatchObject({ code: DirectoryErrorCode.Forbidden });
  });
});
