import type { Group, Person } from '../../domain';

const CREATED = new Date('2030-03-01T08:00:00.000Z');
const UPDATED = new Date('2030-03-02T09:30:00.000Z');

/** A stored person for SCIM specs (fixed instants: the mappers take no clock). */
export function aPerson(overrides: Partial<Person> = {}): Person {
  return {
    id: 'p-alice',
    userName: 'alice@example.com',
    displayName: 'Alice Example',
    emails: [{ value: 'alice@example.com', type: 'work', primary: true }],
    phones: [],
    chatHandle: '@alice',
    timeZone: 'Europe/Zurich',
    locale: 'de-CH',
    title: 'Engineer',
    department: null,
    employeeNumber: null,
    managerId: null,
    organisationId: 'org-a',
    roles: ['agent'],
    active: true,
    externalId: 'entra-1',
    createdAt: CREATED,
    updatedAt: UPDATED,
    version: 3,
    ...overrides,
  };
}

export function aGroup(overrides: Partial<Group> = {}): Group {
  return {
    id: 'g-desk',
    name: 'Service Desk',
    kind: 'assignment',
    organisationId: 'org-a',
    managerId: null,
    roles: [],
    memberIds: ['p-1', 'p-2', 'p-3'],
    externalId: null,
    createdAt: CREATED,
    updatedAt: UPDATED,
    version: 7,
    ...overrides,
  };
}
