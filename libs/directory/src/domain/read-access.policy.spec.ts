import { aGroup, aPerson } from '../application/test-fixtures/in-memory-directory-reads';
import { canReadGroup, canReadOrganisation, canReadPerson, directoryReadScope, effectiveRoles } from './read-access.policy';

const viewer = (roles: string[], orgId?: string) => ({ userId: 'U-Me', roles, orgId });

describe('directory read access', () => {
  it('gives internal staff everything, a supplier agent its organisation, a requester itself, anyone else nothing; the most privileged role wins', () => {
    expect(directoryReadScope(viewer(['agent']))).toEqual({ kind: 'all' });
    expect(directoryReadScope(viewer(['requester', 'admin']))).toEqual({ kind: 'all' });
    expect(directoryReadScope(viewer(['supplier-agent', 'agent'], 'nw'))).toEqual({ kind: 'all' });
    expect(directoryReadScope(viewer(['supplier-agent', 'requester'], 'nw'))).toEqual({ kind: 'organisation', organisationId: 'nw' });
    expect(directoryReadScope(viewer(['requester']))).toEqual({ kind: 'self', userName: 'U-Me' });
    expect(directoryReadScope(viewer(['supplier-agent']))).toEqual({ kind: 'none' });
    expect(directoryReadScope(viewer([]))).toEqual({ kind: 'none' });
  });

  it('applies the scope to people, groups and organisations', () => {
    const nwPerson = aPerson('p1', { organisationId: 'nw', userName: 'u-me' });
    const tsPerson = aPerson('p2', { organisationId: 'ts' });
    const nw = { kind: 'organisation', organisationId: 'nw' } as const;
    expect([canReadPerson(nw, nwPerson), canReadPerson(nw, tsPerson)]).toEqual([true, false]);
    expect([canReadGroup(nw, aGroup('g', { organisationId: 'nw' })), canReadGroup(nw, aGroup('g', { organisationId: null }))]).toEqual([true, false]);
    expect([canReadOrganisation(nw, { id: 'nw', name: 'NW', kind: 'supplier', parentId: null, active: true }), canReadOrganisation(nw, { id: 'ts', name: 'TS', kind: 'supplier', parentId: null, active: true })]).toEqual([true, false]);
    const self = { kind: 'self', userName: 'U-ME' } as const;
    expect([canReadPerson(self, nwPerson), canReadPerson(self, tsPerson), canReadGroup(self, aGroup('g'))]).toEqual([true, false, false]);
    expect(canReadPerson({ kind: 'none' }, nwPerson)).toBe(false);
  });

  it('derives effective roles: direct first, then through the groups the person is a member of, each once', () => {
    const person = aPerson('p1', { roles: ['agent'] });
    const groups = [aGroup('a', { memberIds: ['p1'], roles: ['incident-manager', 'agent'] }), aGroup('b', { memberIds: ['p2'], roles: ['admin'] }), aGroup('c', { memberIds: ['p3', 'p1'], roles: ['problem-manager'] })];
    expect(effectiveRoles(person, groups)).toEqual(['agent', 'incident-manager', 'problem-manager']);
  });
});
