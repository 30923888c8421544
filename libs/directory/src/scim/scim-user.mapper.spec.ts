import { readPatchRequest } from './scim-patch-request';
import { SCIM_USER_SCHEMAS } from './scim-schemas';
import { patchPerson } from './scim-user-patch';
import { personInputFromScim, toScimUser } from './scim-user.mapper';
import { aPerson } from './test-fixtures/directory-records';
import { refusal } from './test-fixtures/scim-refusal';

const BASE = 'https://itsm.example.com/scim/v2';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const KEPT = { chatHandle: '@alice', organisationId: 'org-a', roles: ['agent'] };


function patch(operations: unknown[], person = aPerson()) {
  return patchPerson(person, readPatchRequest({ schemas: [PATCH_OP], Operations: operations }, SCIM_USER_SCHEMAS), KEPT, BASE);
}

describe('SCIM User mapping', () => {
  it('writes a person as a User with meta and the enterprise extension', () => {
    const user = toScimUser(aPerson({ managerId: 'p-boss', department: 'IT' }), BASE);
    expect(user).toEqual({
      schemas: [USER, ENTERPRISE],
      id: 'p-alice',
      externalId: 'entra-1',
      userName: 'alice@example.com',
      name: { formatted: 'Alice Example' },
      displayName: 'Alice Example',
      title: 'Engineer',
      locale: 'de-CH',
      timezone: 'Europe/Zurich',
      active: true,
      emails: [{ value: 'alice@example.com', type: 'work', primary: true }],
      [ENTERPRISE]: { department: 'IT', manager: { value: 'p-boss', $ref: `${BASE}/Users/p-boss` } },
      meta: {
        resourceType: 'User',
        created: '2030-03-01T08:00:00.000Z',
        lastModified: '2030-03-02T09:30:00.000Z',
        location: `${BASE}/Users/p-alice`,
        version: 'W/"3"',
      },
    });
  });

  it('reads what Microsoft Entra ID posts (string booleans, given and family name, readOnly and ignored attributes)', () => {
    const input = personInputFromScim(
      {
        schemas: [USER, ENTERPRISE],
        externalId: 'e-42',
        UserName: 'Bob@Example.com',
        active: 'False',
        name: { givenName: 'Bob', familyName: 'Builder' },
        emails: [{ primary: 'True', type: 'work', value: 'bob@example.com' }],
        phoneNumbers: [{ type: 'mobile', value: '+41 79 000 00 00' }],
        addresses: [{ type: 'work', locality: 'Zurich' }],
        preferredLanguage: 'de-CH',
        id: 'ignored',
        meta: { resourceType: 'User' },
        [ENTERPRISE]: { department: 'Finance', employeeNumber: '0042', manager: { value: 'p-boss' } },
      },
      KEPT,
    );
    expect(input).toEqual({
      userName: 'Bob@Example.com',
      displayName: 'Bob Builder',
      emails: [{ value: 'bob@example.com', type: 'work', primary: true }],
      phones: [{ value: '+41 79 000 00 00', type: 'mobile', primary: false }],
      chatHandle: '@alice',
      timeZone: null,
      locale: null,
      title: null,
      department: 'Finance',
      employeeNumber: '0042',
      managerId: 'p-boss',
      organisationId: 'org-a',
      roles: ['agent'],
      active: false,
      externalId: 'e-42',
    });
  });

  it('reads a User it wrote back to the same person', () => {
    const person = aPerson({ managerId: 'p-boss', department: 'IT', employeeNumber: '7', phones: [{ value: '+1', type: null, primary: false }] });
    const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...attributes } = person;
    expect(personInputFromScim(toScimUser(person, BASE), KEPT)).toEqual(attributes);
  });

  it.each([
    ['no schemas', { userName: 'x' }, 'invalidSyntax'],
    ['not the User schema', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], userName: 'x' }, 'invalidSyntax'],
    ['an unknown schema', { schemas: [USER, 'urn:example:custom'], userName: 'x' }, 'invalidValue'],
    ['no userName', { schemas: [USER], displayName: 'x' }, 'invalidValue'],
    ['an unknown attribute', { schemas: [USER], userName: 'x', favouriteColour: 'blue' }, 'invalidValue'],
    ['an unknown extension', { schemas: [USER], userName: 'x', 'urn:example:custom:2.0:User': {} }, 'invalidValue'],
    ['a non-boolean active', { schemas: [USER], userName: 'x', active: 'yes' }, 'invalidValue'],
    ['an email without value', { schemas: [USER], userName: 'x', emails: [{ type: 'work' }] }, 'invalidValue'],
    ['a numeric title', { schemas: [USER], userName: 'x', title: 7 }, 'invalidValue'],
    ['an array body', [], 'invalidSyntax'],
  ])('refuses a body with %s', (_, body, scimType) => {
    expect(refusal(() => personInputFromScim(body, KEPT))).toEqual({ status: 400, scimType });
  });
});

describe('SCIM User PATCH', () => {
  it('applies what Entra ID sends: "Replace" active "False", the enterprise manager path with a bare id', () => {
    const input = patch([
      { op: 'Replace', path: 'active', value: 'False' },
      { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'p-boss' },
      { op: 'replace', path: `${ENTERPRISE}:department`, value: 'Ops' },
    ]);
    expect(input).toMatchObject({ active: false, managerId: 'p-boss', department: 'Ops', userName: 'alice@example.com', chatHandle: '@alice' });
  });

  it('applies operations without path whose value is an object of attributes (paths as keys)', () => {
    const input = patch([
      {
        op: 'replace',
        value: { displayName: 'Alice Renamed', 'emails[type eq "work"].value': 'alice@new.example.com', [`${ENTERPRISE}:employeeNumber`]: '99', Active: false },
      },
    ]);
    expect(input).toMatchObject({ displayName: 'Alice Renamed', emails: [{ value: 'alice@new.example.com', type: 'work', primary: true }], employeeNumber: '99', active: false });
  });

  it('adds a contact through a value filter that matches none, removes the manager, renames by name.formatted', () => {
    const input = patch(
      [
        { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+41 79 111 11 11' },
        { op: 'REMOVE', path: `${ENTERPRISE}:manager` },
        { op: 'replace', path: 'name.formatted', value: 'Alice F.' },
        { op: 'add', path: 'name.givenName', value: 'Alice' },
      ],
      aPerson({ managerId: 'p-boss' }),
    );
    expect(input).toMatchObject({ phones: [{ value: '+41 79 111 11 11', type: 'mobile', primary: false }], managerId: null, displayName: 'Alice F.' });
  });

  it('accepts the whole extension as one path', () => {
    expect(patch([{ op: 'add', path: ENTERPRISE, value: { department: 'HR' } }])).toMatchObject({ department: 'HR' });
  });

  it.each([
    ['an unknown path', [{ op: 'replace', path: 'favouriteColour', value: 'blue' }], 'invalidPath'],
    ['an unknown sub-attribute', [{ op: 'replace', path: 'name.nickname', value: 'x' }], 'invalidPath'],
    ['an unknown extension path', [{ op: 'replace', path: 'urn:example:custom:2.0:User:x', value: 'x' }], 'invalidPath'],
    ['a malformed value filter', [{ op: 'replace', path: 'emails[type eq].value', value: 'x' }], 'invalidPath'],
    ['an unknown key without path', [{ op: 'replace', value: { favouriteColour: 'blue' } }], 'invalidPath'],
    ['a read-only attribute', [{ op: 'replace', path: 'id', value: 'p-x' }], 'mutability'],
    ['remove without path', [{ op: 'remove' }], 'noTarget'],
    ['an unknown op', [{ op: 'move', path: 'title', value: 'x' }], 'invalidSyntax'],
    ['add without value', [{ op: 'add', path: 'title' }], 'invalidSyntax'],
    ['a bad value later in the request', [{ op: 'replace', path: 'title', value: 'CTO' }, { op: 'replace', path: 'active', value: 'maybe' }], 'invalidValue'],
    ['removing the user name', [{ op: 'remove', path: 'userName' }], 'invalidValue'],
  ])('refuses %s (400) and produces nothing to save', (_, operations, scimType) => {
    expect(refusal(() => patch(operations))).toEqual({ status: 400, scimType });
  });

  it('refuses a request that is not a PatchOp', () => {
    expect(refusal(() => readPatchRequest({ Operations: [{ op: 'add', path: 'title', value: 'x' }] }, SCIM_USER_SCHEMAS))).toEqual({ status: 400, scimType: 'invalidSyntax' });
    expect(refusal(() => readPatchRequest({ schemas: [PATCH_OP], Operations: [] }, SCIM_USER_SCHEMAS))).toEqual({ status: 400, scimType: 'invalidSyntax' });
  });
});
