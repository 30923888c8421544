import { planGroupPatch } from './scim-group-patch';
import { groupInputFromScim, toScimGroup } from './scim-group.mapper';
import { readPatchRequest } from './scim-patch-request';
import { SCIM_GROUP_SCHEMAS } from './scim-schemas';
import { aGroup } from './test-fixtures/directory-records';
import { refusal } from './test-fixtures/scim-refusal';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BASE = 'https://itsm.example.com/scim/v2';

function plan(operations: unknown[], group = aGroup()) {
  return planGroupPatch(group, readPatchRequest({ schemas: [PATCH_OP], Operations: operations }, SCIM_GROUP_SCHEMAS));
}


describe('SCIM Group PATCH plan', () => {
  it('adds and removes members as Entra ID sends them, without restating the group', () => {
    expect(
      plan([
        { op: 'Add', path: 'members', value: [{ value: 'p-4' }, { value: 'p-5' }] },
        { op: 'Remove', path: 'members[value eq "p-1"]' },
        { op: 'remove', path: 'members', value: [{ value: 'p-2' }] },
      ]),
    ).toEqual({ add: ['p-4', 'p-5'], remove: ['p-1', 'p-2'] });
  });

  it('keeps the last word on an id added and removed in one request', () => {
    expect(plan([{ op: 'add', path: 'members', value: [{ value: 'p-4' }] }, { op: 'remove', path: 'members[value eq "p-4"]' }])).toEqual({ add: [], remove: ['p-4'] });
  });

  it('replaces the whole member list as batches (current members not named again go)', () => {
    expect(plan([{ op: 'replace', path: 'members', value: [{ value: 'p-2' }, { value: 'p-9' }] }])).toEqual({ add: ['p-2', 'p-9'], remove: ['p-1', 'p-3'] });
    expect(plan([{ op: 'remove', path: 'members' }])).toEqual({ add: [], remove: ['p-1', 'p-2', 'p-3'] });
  });

  it('renames and sets the external id, also from an operation without path', () => {
    expect(plan([{ op: 'Replace', value: { displayName: 'Desk 2', externalId: 'x-1', members: [{ value: 'p-1' }] } }])).toEqual({
      add: ['p-1'],
      remove: ['p-2', 'p-3'],
      rename: 'Desk 2',
      externalId: 'x-1',
    });
    expect(plan([{ op: 'remove', path: 'externalId' }])).toEqual({ add: [], remove: [], externalId: null });
  });

  it('removes several members named by one or-filter', () => {
    expect(plan([{ op: 'remove', path: 'members[value eq "p-1" or value eq "p-3"]' }])).toEqual({ add: [], remove: ['p-1', 'p-3'] });
  });

  it.each([
    ['an unknown path', [{ op: 'replace', path: 'owner', value: 'x' }], 'invalidPath'],
    ['a member filter on another attribute', [{ op: 'remove', path: 'members[display eq "Alice"]' }], 'invalidPath'],
    ['a member sub-attribute', [{ op: 'replace', path: 'members.value', value: 'x' }], 'invalidPath'],
    ['a filter on add', [{ op: 'add', path: 'members[value eq "p-1"]', value: [{ value: 'p-1' }] }], 'invalidPath'],
    ['removing the name', [{ op: 'remove', path: 'displayName' }], 'invalidValue'],
    ['a member without value', [{ op: 'add', path: 'members', value: [{ display: 'x' }] }], 'invalidValue'],
    ['a group as member', [{ op: 'add', path: 'members', value: [{ value: 'g-2', type: 'Group' }] }], 'invalidValue'],
    ['a read-only path', [{ op: 'replace', path: 'meta.version', value: 'W/"1"' }], 'mutability'],
  ])('refuses %s', (_, operations, scimType) => {
    expect(refusal(() => plan(operations))).toEqual({ status: 400, scimType });
  });
});

describe('SCIM Group mapping', () => {
  it('writes a group with its members, or without them when excluded', () => {
    const group = toScimGroup(aGroup({ memberIds: ['p-1'] }), BASE);
    expect(group).toEqual({
      schemas: [GROUP],
      id: 'g-desk',
      displayName: 'Service Desk',
      members: [{ value: 'p-1', $ref: `${BASE}/Users/p-1`, type: 'User' }],
      meta: { resourceType: 'Group', created: '2030-03-01T08:00:00.000Z', lastModified: '2030-03-02T09:30:00.000Z', location: `${BASE}/Groups/g-desk`, version: 'W/"7"' },
    });
    expect(toScimGroup(aGroup(), BASE, { members: false })).not.toHaveProperty('members');
  });

  it('reads a Group body, keeping what SCIM does not carry', () => {
    const kept = { kind: 'approval' as const, organisationId: 'org-b', managerId: 'p-m', roles: ['approver'] };
    expect(groupInputFromScim({ schemas: [GROUP], DisplayName: 'CAB', members: [{ value: 'p-1' }, { value: 'p-1', display: 'dup' }] }, kept)).toEqual({
      name: 'CAB',
      ...kept,
      memberIds: ['p-1'],
      externalId: null,
    });
    expect(refusal(() => groupInputFromScim({ schemas: [GROUP], displayName: 'x', owner: 'y' }, kept))).toEqual({ status: 400, scimType: 'invalidValue' });
    expect(refusal(() => groupInputFromScim({ displayName: 'x' }, kept))).toEqual({ status: 400, scimType: 'invalidSyntax' });
  });
});
