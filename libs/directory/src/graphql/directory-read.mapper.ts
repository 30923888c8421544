import type { Group, Organisation, Person } from '../domain';
import type { GroupGql, OrganisationGql, PersonGql } from './directory-read.types';

export function toPersonGql(person: Person): PersonGql {
  return {
    ...person,
    emails: person.emails.map((contact) => ({ ...contact })),
    phones: person.phones.map((contact) => ({ ...contact })),
    roles: [...person.roles],
  };
}

export function toGroupGql(group: Group): GroupGql {
  return {
    id: group.id,
    name: group.name,
    kind: group.kind,
    organisationId: group.organisationId,
    managerId: group.managerId,
    roles: [...group.roles],
    memberCount: group.memberIds.length,
    externalId: group.externalId,
    createdAt: group.createdAt,
    updatedAt: group.updatedAt,
    version: group.version,
  };
}

export function toOrganisationGql(organisation: Organisation): OrganisationGql {
  return { ...organisation };
}
