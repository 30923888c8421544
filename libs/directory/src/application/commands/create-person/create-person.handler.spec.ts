import { DirectoryErrorCode } from '../../../domain';
import { ADMIN, inMemoryDirectory, personInput } from '../../test-fixtures/in-memory-directory';
import { CLAIM_GRACE_MS } from '../../user-name-claims.service';
import { CreatePersonCommand } from './create-person.command';

describe('CreatePersonHandler', () => {
  it('creates a person with person-created and claims its userName', async () => {
    const directory = inMemoryDirectory();
    await directory.organisation('fabrikam');
    const person = await directory.person('Jane.Doe', { organisationId: 'fabrikam', timeZone: 'europe/berlin' });
    expect(person).toMatchObject({ userName: 'Jane.Doe', timeZone: 'Europe/Berlin', version: 1, createdAt: directory.clock.now() });
    expect(person.id).toMatch(/^[0-9a-f]{24}$/);
    expect(directory.people.events().map((e) => e.type)).toEqual(['itsm.directory.person-created.v1']);
    expect(directory.claims.claims.get('jane.doe')?.personId).toBe(person.id);
  });

  it('answers DIRECTORY.UNIQUENESS for the same userName in another case, writing nothing', async () => {
    const directory = inMemoryDirectory();
    await directory.person('jane.doe');
    await expect(directory.person('JANE.DOE')).rejects.toMatchObject({ code: DirectoryErrorCode.Uniqueness, details: { field: 'userName' } });
    expect(directory.people.all()).toHaveLength(1);
  });

  it('answers DIRECTORY.UNIQUENESS for a chosen id already taken, and gives the userName back', async () => {
    const directory = inMemoryDirectory();
    await directory.person('first', {}, ADMIN, 'p-1');
    await expect(directory.person('second', {}, ADMIN, 'p-1')).rejects.toMatchObject({ code: DirectoryErrorCode.Uniqueness, details: { field: 'id' } });
    expect(directory.claims.claims.has('second')).toBe(false);
  });

  it('defaults a bound writer\'s people to its organisation and refuses another one', async () => {
    const directory = inMemoryDirectory();
    await directory.organisation('fabrikam');
    await directory.organisation('contoso', 'internal');
    const scim = { by: 'scim:c1', organisationId: 'fabrikam' };
    expect((await directory.person('p.one', {}, scim)).organisationId).toBe('fabrikam');
    await expect(directory.person('p.two', { organisationId: 'contoso' }, scim)).rejects.toMatchObject({ code: DirectoryErrorCode.Forbidden });
  });

  it('checks the organisation and the manager exist (a manager of another organisation is not found for a bound writer)', async () => {
    const directory = inMemoryDirectory();
    await expect(directory.person('x', { organisationId: 'nowhere' })).rejects.toMatchObject({ code: DirectoryErrorCode.OrganisationNotFound });
    await expect(directory.person('x', { managerId: 'p-404' })).rejects.toMatchObject({ code: DirectoryErrorCode.PersonNotFound, details: { field: 'managerId' } });
    await directory.organisation('fabrikam');
    const boss = await directory.person('boss');
    await expect(directory.person('x', { managerId: boss.id }, { by: 'scim:c1', organisationId: 'fabrikam' })).rejects.toMatchObject({ code: DirectoryErrorCode.PersonNotFound });
    expect((await directory.person('y', { managerId: boss.id })).managerId).toBe(boss.id);
  });

  it('takes over a stale claim: its holder deleted at once, its holder gone only after the grace period', async () => {
    const directory = inMemoryDirectory();
    // A writer that died between claim and write: its claim is respected while young.
    await directory.claims.claim('ghost', 'p-crashed', directory.clock.now());
    await expect(directory.person('ghost')).rejects.toMatchObject({ code: DirectoryErrorCode.Uniqueness });
    directory.clock.advance(CLAIM_GRACE_MS);
    const person = await directory.person('Ghost');
    expect(directory.claims.claims.get('ghost')?.personId).toBe(person.id);
  });

  it('refuses invalid input before writing anything', async () => {
    const directory = inMemoryDirectory();
    await expect(directory.createPerson.execute(new CreatePersonCommand(ADMIN, personInput('a', { locale: 'xx_YY' })))).rejects.toMatchObject({ code: DirectoryErrorCode.InvalidInput });
    await expect(directory.createPerson.execute(new CreatePersonCommand(ADMIN, personInput('a'), 'bad id'))).rejects.toMatchObject({ code: DirectoryErrorCode.InvalidInput, details: { field: 'id' } });
    expect(directory.claims.claims.size).toBe(0);
    expect(directory.people.writes).toEqual([]);
  });
});
