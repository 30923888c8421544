import { groupCriterion, MAX_FILTER_COMPARISONS, personCriterion } from './scim-filter.mapper';
import { refusal } from './test-fixtures/scim-refusal';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';


describe('SCIM filter -> criterion', () => {
  it('maps the look-up an identity provider makes before a create', () => {
    expect(personCriterion('userName eq "Alice@Example.com"')).toEqual({ field: 'userName', op: 'eq', value: 'Alice@Example.com' });
  });

  it('reads operators and attribute names in any case, and/or/not with parentheses', () => {
    expect(personCriterion('USERNAME SW "a" and (title pr or not (Active EQ false))')).toEqual({
      and: [
        { field: 'userName', op: 'sw', value: 'a' },
        { or: [{ field: 'title', op: 'pr' }, { not: { field: 'active', op: 'eq', value: false } }] },
      ],
    });
  });

  it('maps value paths, sub-attributes and the enterprise extension', () => {
    expect(personCriterion('emails[value ew "@example.com"]')).toEqual({ field: 'email', op: 'ew', value: '@example.com' });
    expect(personCriterion('emails.value co "alice"')).toEqual({ field: 'email', op: 'co', value: 'alice' });
    expect(personCriterion('name.formatted ge "M"')).toEqual({ field: 'displayName', op: 'ge', value: 'M' });
    expect(personCriterion(`${ENTERPRISE}:department ne "Finance"`)).toEqual({ field: 'department', op: 'ne', value: 'Finance' });
    expect(personCriterion(`${ENTERPRISE}:manager.value eq "p-1"`)).toEqual({ field: 'managerId', op: 'eq', value: 'p-1' });
    expect(personCriterion('urn:ietf:params:scim:schemas:core:2.0:User:externalId eq "x"')).toEqual({ field: 'externalId', op: 'eq', value: 'x' });
    expect(personCriterion('active eq "True"')).toEqual({ field: 'active', op: 'eq', value: true });
  });

  it('maps group filters (members by person id)', () => {
    expect(groupCriterion('displayName eq "Service Desk" and members[value eq "p-9"]')).toEqual({
      and: [
        { field: 'name', op: 'eq', value: 'Service Desk' },
        { field: 'memberId', op: 'eq', value: 'p-9' },
      ],
    });
  });

  it('has no criterion for no filter', () => {
    expect(personCriterion(undefined)).toBeUndefined();
    expect(personCriterion('  ')).toBeUndefined();
  });

  it.each([
    ['an unknown attribute', 'favouriteColour eq "blue"'],
    ['an attribute it does not filter on', 'meta.lastModified gt "2030-01-01T00:00:00Z"'],
    ['a core attribute the directory does not keep', 'nickName eq "al"'],
    ['an operator that makes no sense for it', 'active gt true'],
    ['co on an id', 'id co "1"'],
    ['a number', 'userName eq 5'],
    ['a malformed filter', 'userName eq'],
    ['a dangling or', 'userName eq "a" or'],
    ['an unknown schema', 'urn:example:custom:department eq "x"'],
    ['a value path on a single-valued attribute', 'userName[value eq "x"]'],
    ['a value filter on an unfilterable sub-attribute', 'emails[type eq "work"]'],
  ])('refuses %s: 400 invalidFilter', (_, filter) => {
    const error = refusal(() => personCriterion(filter));
    expect({ status: error.status, scimType: error.scimType }).toEqual({ status: 400, scimType: 'invalidFilter' });
  });

  it(`refuses more than ${MAX_FILTER_COMPARISONS} comparisons`, () => {
    const filter = Array.from({ length: MAX_FILTER_COMPARISONS + 1 }, (_, index) => `userName eq "u${index}"`).join(' or ');
    expect(refusal(() => personCriterion(filter)).scimType).toBe('invalidFilter');
    expect(() => personCriterion(filter.split(' or ').slice(1).join(' or '))).not.toThrow();
  });
});
