import { DirectoryErrorCode } from '../../../domain';
import { ADMIN, inMemoryDirectory, personInput } from '../../test-fixtures/in-memory-directory';
import { ReplacePersonCommand } from './replace-person.command';

describe('ReplacePersonHandler', () => {
  it('renames: the new userName claimed, the old one given back', async () => {
    const directory = inMemoryDirectory();
    const person = await directory.person('old.name');
    const renamed = await directory.replacePerson.execute(new ReplacePersonCommand(ADMIN, person.id, personInput('New.Name')));
    expect(renamed).toMatchObject({ userName: 'New.Name', version: 2 });
    expect([...directory.claims.claims.keys()]).toEqual(['new.name']);
    expect((await directory.person('old.name')).userName).toBe('old.name');
  });

  it('refuses a rename onto a taken userName and keeps the person as it was', async () => {
    const directory = inMemoryDirectory();
    await directory.person('taken');
    const person = await directory.person('mine');
    await expect(directory.replacePerson.execute(new ReplacePersonCommand(ADMIN, person.id, personInput('TAKEN')))).rejects.toMatchObject({ code: DirectoryErrorCode.Uniqueness });
    expect(directory.people.get(person.id)?.userName).toBe('mine');
    expect(directory.claims.claims.get('mine')?.personId).toBe(person.id);
  });

  it('deactivates (person-deactivated) and changes only the case of the userName without touching claims', async () => {
    const directory = inMemoryDirectory();
    const person = await directory.person('jane');
    await directory.replacePerson.execute(new ReplacePersonCommand({ by: 'scim:c1' }, person.id, personInput('JANE', { active: false })));
    expect(directory.people.events().map((e) => e.type)).toEqual(['itsm.directory.person-created.v1', 'itsm.directory.person-updated.v1', 'itsm.directory.person-deactivated.v1']);
    expect(directory.claims.claims.get('jane')?.personId).toBe(person.id);
  });

  it('answers DIRECTORY.CONFLICT for a stale expected version, and retries a lost race on fresh state', async () => {
    const directory = inMemoryDirectory();
    const person = await directory.person('jane');
    await expect(directory.replacePerson.execute(new ReplacePersonCommand(ADMIN, person.id, personInput('jane', { title: 'x' }), 7))).rejects.toMatchObject({ code: DirectoryErrorCode.Conflict });
    const stored = directory.people.get(person.id)!;
    directory.people.beforeNextWrite(() => directory.people.put({ ...stored, department: 'Sales', version: 2 }));
    const replaced = await directory.replacePerson.execute(new ReplacePersonCommand(ADMIN, person.id, personInput('jane', { title: 'Engineer' })));
    expect(replaced).toMatchObject({ title: 'Engineer', department: null, version: 3 });
  });

  it('answers DIRECTORY.PERSON_NOT_FOUND for another organisation\'s person (bound writer) and for a deleted one', async () => {
    const directory = inMemoryDirectory();
    await directory.organisation('fabrikam');
    await directory.organisation('contoso', 'internal');
    const other = await directory.person('other', { organisationId: 'contoso' });
    await expect(directory.replacePerson.execute(new ReplacePersonCommand({ by: 'scim:c1', organisationId: 'fabrikam' }, other.id, personInput('other')))).rejects.toMatchObject({ code: DirectoryErrorCode.PersonNotFound });
    await expect(directory.replacePerson.execute(new ReplacePersonCommand(ADMIN, 'p-404', personInput('x')))).rejects.toMatchObject({ code: DirectoryErrorCode.PersonNotFound });
  });
});
