import { DirectoryErrorCode } from './directory.errors';
import { withinScope, organisationForWriter } from './directory-scope';
import { normaliseOrganisation, saveOrganisation } from './organisation';
import { thrown } from './test-fixtures/thrown';

const at = new Date('2031-01-02T03:04:05.000Z');
const fabrikam = { id: 'fabrikam', name: 'Fabrikam', kind: 'customer' as const, parentId: null, active: true };

describe('organisations', () => {
  it('checks keys, kinds and parents', () => {
    expect(normaliseOrganisation({ ...fabrikam, name: ' Fabrikam ' }).name).toBe('Fabrikam');
    expect(thrown(() => normaliseOrganisation({ ...fabrikam, id: 'Fabrikam' })).details).toEqual({ field: 'id' });
    expect(thrown(() => normaliseOrganisation({ ...fabrikam, id: 'f' })).details).toEqual({ field: 'id' });
    expect(thrown(() => normaliseOrganisation({ ...fabrikam, parentId: 'fabrikam' })).details).toEqual({ field: 'parentId' });
    expect(thrown(() => normaliseOrganisation({ ...fabrikam, kind: 'partner' as never })).details).toEqual({ field: 'kind' });
  });

  it('saves with organisation-saved when new or changed, nothing when the same', () => {
    expect(saveOrganisation(undefined, fabrikam, [], 'u-admin', at).events).toEqual([
      { type: 'itsm.directory.organisation-saved.v1', data: { organisationId: 'fabrikam', name: 'Fabrikam', kind: 'customer', parentId: null, active: true, by: 'u-admin', at: at.toISOString() } },
    ]);
    expect(saveOrganisation(fabrikam, fabrikam, [], 'u-admin', at).events).toEqual([]);
  });

  it('refuses a parent below the organisation (a cycle)', () => {
    const error = thrown(() => saveOrganisation(fabrikam, { ...fabrikam, parentId: 'fabrikam-de' }, ['fabrikam-de', 'fabrikam'], 'u-admin', at));
    expect(error).toMatchObject({ code: DirectoryErrorCode.InvalidInput, details: { field: 'parentId' } });
  });
});

describe('scope of a bound writer', () => {
  it('sees its own organisation only, and defaults new records to it', () => {
    expect(withinScope(undefined, 'x')).toBe(true);
    expect(withinScope('fabrikam', 'fabrikam')).toBe(true);
    expect(withinScope('fabrikam', null)).toBe(false);
    expect(organisationForWriter('fabrikam', null)).toBe('fabrikam');
    expect(organisationForWriter(undefined, null)).toBeNull();
    expect(thrown(() => organisationForWriter('fabrikam', 'contoso')).code).toBe(DirectoryErrorCode.Forbidden);
  });
});
