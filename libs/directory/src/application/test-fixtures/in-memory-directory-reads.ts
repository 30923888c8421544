import type { Group, Organisation, Person } from '../../domain';
import { GroupQueries, OrganisationQueries, PeopleQueries } from '../ports';
import { personInput } from './in-memory-directory';
import type { Criterion, DirectoryScope, Found, GroupField, OffsetPage, PersonField } from '../ports';

/*
 * The query ports over arrays, for handler unit tests: the criterion semantics the stores promise
 * (text compared case-insensitively, order by id, scope by organisation), and every call recorded.
 */

type Value = string | boolean | null;

function compare(actual: Value | readonly Value[], op: Exclude<Extract<Criterion<string>, { op: unknown }>['op'], 'pr'>, expected: Value): boolean {
  if (Array.isArray(actual)) return op === 'ne' ? actual.every((one: Value) => compare(one, op, expected)) : actual.some((one: Value) => compare(one, op, expected));
  const a = typeof actual === 'string' ? actual.toLowerCase() : actual;
  const b = typeof expected === 'string' ? expected.toLowerCase() : expected;
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'co':
      return typeof a === 'string' && typeof b === 'string' && a.includes(b);
    case 'sw':
      return typeof a === 'string' && typeof b === 'string' && a.startsWith(b);
    case 'ew':
      return typeof a === 'string' && typeof b === 'string' && a.endsWith(b);
    case 'gt':
      return a !== null && b !== null && a > b;
    case 'ge':
      return a !== null && b !== null && a >= b;
    case 'lt':
      return a !== null && b !== null && a < b;
    case 'le':
      return a !== null && b !== null && a <= b;
  }
}

function matches<F extends string>(where: Criterion<F> | undefined, valueOf: (field: F) => Value | readonly Value[]): boolean {
  if (where === undefined) return true;
  if ('and' in where) return where.and.every((one) => matches(one, valueOf));
  if ('or' in where) return where.or.some((one) => matches(one, valueOf));
  if ('not' in where) return !matches(where.not, valueOf);
  const actual = valueOf(where.field);
  if (where.op === 'pr') return Array.isArray(actual) ? actual.length > 0 : actual !== null && actual !== '';
  return compare(actual, where.op, where.value);
}

function byId<T extends { readonly id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function pageOf<T extends { readonly id: string }>(all: readonly T[], page: OffsetPage): Found<T> {
  const sorted = [...all].sort(byId);
  return { items: sorted.slice(page.offset, page.offset + page.limit), total: sorted.length };
}

function personValue(person: Person, field: PersonField): Value | readonly Value[] {
  return field === 'email' ? person.emails.map((email) => email.value) : person[field];
}

function groupValue(group: Group, field: GroupField): Value | readonly Value[] {
  return field === 'memberId' ? group.memberIds : group[field];
}

export class InMemoryPeopleQueries extends PeopleQueries {
  readonly finds: { where: Criterion<PersonField> | undefined; page: OffsetPage; scope: DirectoryScope | undefined }[] = [];

  constructor(readonly people: Person[] = []) {
    super();
  }

  async byId(id: string): Promise<Person | undefined> {
    return this.people.find((person) => person.id === id);
  }

  async byUserName(userName: string): Promise<Person | undefined> {
    return this.people.find((person) => person.userName.toLowerCase() === userName.toLowerCase());
  }

  async find(where: Criterion<PersonField> | undefined, page: OffsetPage, scope?: DirectoryScope): Promise<Found<Person>> {
    this.finds.push({ where, page, scope });
    const inScope = this.people.filter((person) => scope?.organisationId === undefined || person.organisationId === scope.organisationId);
    return pageOf(
      inScope.filter((person) => matches(where, (field) => personValue(person, field))),
      page,
    );
  }
}

export class InMemoryGroupQueries extends GroupQueries {
  constructor(readonly groups: Group[] = []) {
    super();
  }

  async byId(id: string): Promise<Group | undefined> {
    return this.groups.find((group) => group.id === id);
  }

  async find(where: Criterion<GroupField> | undefined, page: OffsetPage, scope?: DirectoryScope): Promise<Found<Group>> {
    const inScope = this.groups.filter((group) => scope?.organisationId === undefined || group.organisationId === scope.organisationId);
    return pageOf(
      inScope.filter((group) => matches(where, (field) => groupValue(group, field))),
      page,
    );
  }

  async ofPerson(personId: string): Promise<readonly Group[]> {
    return this.groups.filter((group) => group.memberIds.includes(personId));
  }
}

export class InMemoryOrganisationQueries extends OrganisationQueries {
  constructor(readonly organisations: Organisation[] = []) {
    super();
  }

  async byId(id: string): Promise<Organisation | undefined> {
    return this.organisations.find((organisation) => organisation.id === id);
  }

  async list(scope?: DirectoryScope): Promise<readonly Organisation[]> {
    return this.organisations.filter((organisation) => scope?.organisationId === undefined || organisation.id === scope.organisationId);
  }
}

const AT = new Date('2030-01-01T00:00:00Z');

/** A person with defaults (userName `u-<id>`, active, no contacts). */
export function aPerson(id: string, overrides: Partial<Person> = {}): Person {
  return { ...personInput(`u-${id}`), id, displayName: `Person ${id}`, createdAt: AT, updatedAt: AT, version: 1, ...overrides };
}

export function aGroup(id: string, overrides: Partial<Group> = {}): Group {
  return { id, name: `Group ${id}`, kind: 'assignment', organisationId: null, managerId: null, roles: [], memberIds: [], externalId: null, createdAt: AT, updatedAt: AT, version: 1, ...overrides };
}

export function anOrganisation(id: string, overrides: Partial<Organisation> = {}): Organisation {
  return { id, name: `Org ${id}`, kind: 'internal', parentId: null, active: true, ...overrides };
}
