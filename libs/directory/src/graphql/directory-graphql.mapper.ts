import { invalidInput } from '../domain';
import type { Group, Organisation, Person, PersonAttributes, ProvisioningClient } from '../domain';
import type { GroupInput } from '../application/directory-inputs';
import type { GroupInputGql, PersonContactInput, PersonInputGql } from './directory.inputs';
import type { GroupGql, OrganisationGql, PersonGql } from './directory.types';
import type { ProvisioningClientGql } from './provisioning.types';

/** A new person's attributes (userName and displayName required; active). */
const NEW_PERSON: Omit<PersonAttributes, 'userName' | 'displayName'> = {
  emails: [],
  phones: [],
  chatHandle: null,
  timeZone: null,
  locale: null,
  title: null,
  department: null,
  employeeNumber: null,
  managerId: null,
  organisationId: null,
  roles: [],
  active: true,
  externalId: null,
};

function contacts(list: readonly PersonContactInput[]): PersonAttributes['emails'] {
  return list.map((c) => ({ value: c.value, type: c.type ?? null, primary: c.primary }));
}

/** Omitted (undefined): keep; null: clear (or, for a required field, refuse). */
function pick<T>(value: T | null | undefined, kept: T): T | null {
  return value === undefined ? kept : value;
}

function required(value: string | null, field: string): string {
  if (value === null) throw invalidInput(field, `${field} is required`);
  return value;
}

/** The input over `base` (the person's current attributes, or a new person's defaults). */
export function personAttributesFrom(input: PersonInputGql, base?: PersonAttributes): PersonAttributes {
  const from = base ?? { ...NEW_PERSON, userName: '', displayName: '' };
  const creating = base === undefined;
  return {
    userName: required(creating ? (input.userName ?? null) : pick(input.userName, from.userName), 'userName'),
    displayName: required(creating ? (input.displayName ?? null) : pick(input.displayName, from.displayName), 'displayName'),
    emails: input.emails === undefined || input.emails === null ? from.emails : contacts(input.emails),
    phones: input.phones === undefined || input.phones === null ? from.phones : contacts(input.phones),
    chatHandle: pick(input.chatHandle, from.chatHandle),
    timeZone: pick(input.timeZone, from.timeZone),
    locale: pick(input.locale, from.locale),
    title: pick(input.title, from.title),
    department: pick(input.department, from.department),
    employeeNumber: pick(input.employeeNumber, from.employeeNumber),
    managerId: pick(input.managerId, from.managerId),
    organisationId: pick(input.organisationId, from.organisationId),
    roles: input.roles === undefined || input.roles === null ? from.roles : input.roles,
    active: from.active,
    externalId: pick(input.externalId, from.externalId),
  };
}

/** A person's writable attributes (what a replace restates). */
export function attributesOf(person: Person): PersonAttributes {
  const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...attributes } = person;
  return attributes;
}

export function groupInputFrom(input: GroupInputGql): GroupInput {
  return {
    name: input.name,
    kind: input.kind,
    organisationId: input.organisationId ?? null,
    managerId: input.managerId ?? null,
    roles: input.roles,
    memberIds: input.memberIds,
    externalId: input.externalId ?? null,
  };
}

export function toPersonGql(p: Person): PersonGql {
  return {
    ...attributesOf(p),
    id: p.id,
    emails: p.emails.map((c) => ({ ...c })),
    phones: p.phones.map((c) => ({ ...c })),
    roles: [...p.roles],
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
  };
}

export function toGroupGql(g: Group): GroupGql {
  return {
    id: g.id,
    name: g.name,
    kind: g.kind,
    organisationId: g.organisationId,
    managerId: g.managerId,
    roles: [...g.roles],
    memberCount: g.memberIds.length,
    externalId: g.externalId,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
    version: g.version,
  };
}

export function toOrganisationGql(o: Organisation): OrganisationGql {
  return { ...o };
}

export function toProvisioningClientGql(c: ProvisioningClient): ProvisioningClientGql {
  return { id: c.id, name: c.name, organisationId: c.organisationId, createdBy: c.createdBy, createdAt: c.createdAt.toISOString(), revokedAt: c.revokedAt?.toISOString() ?? null };
}
