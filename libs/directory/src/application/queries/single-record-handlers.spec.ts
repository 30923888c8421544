import type { DirectoryViewer } from '../../domain';
import { DirectoryErrorCode } from '../../domain';
import { aGroup, anOrganisation, aPerson, InMemoryGroupQueries, InMemoryOrganisationQueries, InMemoryPeopleQueries } from '../test-fixtures/in-memory-directory-reads';
import { GroupHandler } from './group/group.handler';
import { GroupQuery } from './group/group.query';
import { MeHandler } from './me/me.handler';
import { MeQuery } from './me/me.query';
import { OrganisationHandler } from './organisation/organisation.handler';
import { OrganisationQuery } from './organisation/organisation.query';
import { PersonHandler } from './person/person.handler';
import { PersonQuery } from './person/person.query';
import { PersonBySubjectHandler } from './person-by-subject/person-by-subject.handler';
import { PersonBySubjectQuery } from './person-by-subject/person-by-subject.query';
import { PersonGroupsHandler } from './person-groups/person-groups.handler';
import { PersonGroupsQuery } from './person-groups/person-groups.query';
import { PersonRolesHandler } from './person-roles/person-roles.handler';
import { PersonRolesQuery } from './person-roles/person-roles.query';

const AGENT: DirectoryViewer = { userId: 'u-agent', roles: ['agent'], orgId: undefined };
const NORTHWIND: DirectoryViewer = { userId: 'u-nw', roles: ['supplier-agent'], orgId: 'nw' };
const REQUESTER: DirectoryViewer = { userId: 'U-Req', roles: ['requester'], orgId: undefined };

const nina = aPerson('p1', { userName: 'u-nw', organisationId: 'nw', roles: ['supplier-agent'] });
const rita = aPerson('p2', { userName: 'u-req', organisationId: 'fabrikam', roles: ['requester'] });
const tom = aPerson('p3', { userName: 'u-ts', organisationId: 'ts' });
const people = new InMemoryPeopleQueries([nina, rita, tom]);
const groups = new InMemoryGroupQueries([
  aGroup('net', { organisationId: 'nw', memberIds: ['p1'], roles: ['agent'] }),
  aGroup('cab', { kind: 'cab', organisationId: 'contoso', memberIds: ['p1', 'p2'], roles: ['problem-manager'] }),
]);
const organisations = new InMemoryOrganisationQueries([anOrganisation('nw', { kind: 'supplier' }), anOrganisation('ts', { kind: 'supplier' })]);

describe('the directory\'s one-record reads', () => {
  it('answers a person, group or organisation by id to whoever may see it, and not found to anyone else', async () => {
    await expect(new PersonHandler(people).execute(new PersonQuery(NORTHWIND, 'p1'))).resolves.toBe(nina);
    await expect(new PersonHandler(people).execute(new PersonQuery(NORTHWIND, 'p3'))).rejects.toMatchObject({ code: DirectoryErrorCode.PersonNotFound, details: { id: 'p3' } });
    await expect(new PersonHandler(people).execute(new PersonQuery(REQUESTER, 'p2'))).resolves.toBe(rita);
    await expect(new PersonHandler(people).execute(new PersonQuery(REQUESTER, 'p1'))).rejects.toMatchObject({ code: DirectoryErrorCode.PersonNotFound });
    await expect(new PersonHandler(people).execute(new PersonQuery(AGENT, 'none'))).rejects.toMatchObject({ code: DirectoryErrorCode.PersonNotFound });
    await expect(new GroupHandler(groups).execute(new GroupQuery(NORTHWIND, 'net'))).resolves.toMatchObject({ id: 'net' });
    await expect(new GroupHandler(groups).execute(new GroupQuery(NORTHWIND, 'cab'))).rejects.toMatchObject({ code: DirectoryErrorCode.GroupNotFound });
    await expect(new OrganisationHandler(organisations).execute(new OrganisationQuery(NORTHWIND, 'nw'))).resolves.toMatchObject({ id: 'nw' });
    await expect(new OrganisationHandler(organisations).execute(new OrganisationQuery(NORTHWIND, 'ts'))).rejects.toMatchObject({ code: DirectoryErrorCode.OrganisationNotFound });
    await expect(new OrganisationHandler(organisations).execute(new OrganisationQuery(AGENT, 'ts'))).resolves.toMatchObject({ id: 'ts' });
  });

  it('finds the caller\'s own person by its token subject, case-insensitively, and nothing for an unknown subject', async () => {
    await expect(new MeHandler(people).execute(new MeQuery(REQUESTER))).resolves.toBe(rita);
    await expect(new MeHandler(people).execute(new MeQuery({ ...AGENT, userId: 'u-unknown' }))).resolves.toBeUndefined();
  });

  it('resolves a token subject to a person only when the viewer may see it', async () => {
    const handler = new PersonBySubjectHandler(people);
    await expect(handler.execute(new PersonBySubjectQuery(AGENT, 'U-TS'))).resolves.toBe(tom);
    await expect(handler.execute(new PersonBySubjectQuery(NORTHWIND, 'u-ts'))).resolves.toBeUndefined();
    await expect(handler.execute(new PersonBySubjectQuery(REQUESTER, 'u-req'))).resolves.toBe(rita);
    await expect(handler.execute(new PersonBySubjectQuery(REQUESTER, 'u-nw'))).resolves.toBeUndefined();
  });

  it('lists all of its own groups to a person, and to others only the groups they may see', async () => {
    const handler = new PersonGroupsHandler(groups);
    expect((await handler.execute(new PersonGroupsQuery(NORTHWIND, nina))).map((g) => g.id)).toEqual(['net', 'cab']);
    expect((await handler.execute(new PersonGroupsQuery(REQUESTER, rita))).map((g) => g.id)).toEqual(['cab']);
    expect((await handler.execute(new PersonGroupsQuery({ ...NORTHWIND, userId: 'u-other' }, nina))).map((g) => g.id)).toEqual(['net']);
    expect((await handler.execute(new PersonGroupsQuery(AGENT, nina))).map((g) => g.id)).toEqual(['net', 'cab']);
  });

  it('answers effective roles: direct, then through groups', async () => {
    await expect(new PersonRolesHandler(groups).execute(new PersonRolesQuery(nina))).resolves.toEqual(['supplier-agent', 'agent', 'problem-manager']);
    await expect(new PersonRolesHandler(groups).execute(new PersonRolesQuery(tom))).resolves.toEqual([]);
  });
});
