import { DirectoryError, DirectoryErrorCode } from '../domain';
import { scimErrorBody, SCIM_STATUS_OF_DIRECTORY_ERROR, toScimError } from './scim.errors';
import { resourceTypes, schemaDocuments, serviceProviderConfig } from './scim-discovery';
import { listResponse, projection, readPage } from './scim-list';
import { etagOf, expectedVersion } from './scim-meta';

const BASE = 'https://itsm.example.com/scim/v2';

describe('SCIM errors', () => {
  it('answers directory failures with their status and scimType', () => {
    const body = scimErrorBody(toScimError(new DirectoryError(DirectoryErrorCode.Uniqueness, 'userName "a" is taken')));
    expect(body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness', detail: 'userName "a" is taken' });
    expect(scimErrorBody(toScimError(new DirectoryError(DirectoryErrorCode.Unauthenticated, 'no token')))).toMatchObject({ status: '401' });
    expect(Object.keys(SCIM_STATUS_OF_DIRECTORY_ERROR).sort()).toEqual(Object.values(DirectoryErrorCode).sort());
  });

  it('leaks nothing of an unexpected failure', () => {
    expect(scimErrorBody(toScimError(new Error('connection string mongodb://secret')))).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '500',
      detail: 'The directory could not answer the request.',
    });
  });
});

describe('SCIM paging and projection', () => {
  it('reads startIndex and count as RFC 7644 §3.4.2.4 says', () => {
    expect(readPage(undefined, undefined)).toEqual({ startIndex: 1, count: 100 });
    expect(readPage('0', '-5')).toEqual({ startIndex: 1, count: 0 });
    expect(readPage('201', '5000')).toEqual({ startIndex: 201, count: 1000 });
    expect(() => readPage('one', undefined)).toThrow('"startIndex" must be an integer.');
  });

  it('writes a ListResponse', () => {
    expect(listResponse([{ id: 'a' }], 7, 3)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 7,
      itemsPerPage: 1,
      startIndex: 3,
      Resources: [{ id: 'a' }],
    });
  });

  it('projects top-level attributes, always keeping id, schemas and meta', () => {
    const user = { schemas: ['s'], id: 'a', userName: 'u', emails: [], meta: {}, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {} };
    expect(projection('userName', undefined)(user)).toEqual({ schemas: ['s'], id: 'a', userName: 'u', meta: {} });
    expect(Object.keys(projection(undefined, 'emails,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department')(user))).toEqual(['schemas', 'id', 'userName', 'meta']);
  });
});

describe('SCIM versions', () => {
  it('reads If-Match', () => {
    expect(expectedVersion(undefined)).toBeUndefined();
    expect(expectedVersion('*')).toBeUndefined();
    expect(expectedVersion(etagOf(12))).toBe(12);
    expect(expectedVersion('"4"')).toBe(4);
    expect(() => expectedVersion('W/"abc"')).toThrow(expect.objectContaining({ status: 412 }));
  });
});

describe('SCIM discovery', () => {
  it('advertises patch, filter and etag, no bulk, bearer tokens', () => {
    expect(serviceProviderConfig(BASE)).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 1000 }, etag: { supported: true } });
  });

  it('lists User (with the enterprise extension) and Group', () => {
    expect(resourceTypes(BASE).map((type) => [type['id'], type['endpoint']])).toEqual([
      ['User', '/Users'],
      ['Group', '/Groups'],
    ]);
  });

  it('advertises the attributes the directory keeps, not those it ignores', () => {
    const [user, enterprise, group] = schemaDocuments(BASE);
    const names = (schema: unknown) => ((schema as { attributes: { name: string }[] }).attributes ?? []).map((attribute) => attribute.name);
    expect(names(user)).toEqual(['id', 'externalId', 'meta', 'userName', 'name', 'displayName', 'title', 'locale', 'timezone', 'active', 'emails', 'phoneNumbers']);
    expect(names(enterprise)).toEqual(['employeeNumber', 'department', 'manager']);
    expect(names(group)).toEqual(['id', 'externalId', 'meta', 'displayName', 'members']);
    expect(user).toMatchObject({ attributes: expect.arrayContaining([expect.objectContaining({ name: 'name', subAttributes: [expect.objectContaining({ name: 'formatted' })] })]) });
  });
});
