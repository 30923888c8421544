import type { directoryTopic, EventTypeOf, PayloadOf } from '@itsm/contracts';
import type { Organisation, Person, Group } from './directory.model';

type DirectoryTopic = typeof directoryTopic;
export type DirectoryEventType = EventTypeOf<DirectoryTopic>;

/** One `itsm.directory.v1` event before it is wrapped (type and payload, typed by the contract). */
export type DirectoryEvent = { [E in DirectoryEventType]: { readonly type: E; readonly data: PayloadOf<DirectoryTopic, E> } }[DirectoryEventType];

export type PersonFacts = PayloadOf<DirectoryTopic, 'itsm.directory.person-created.v1'>;

/** A person's whole record as the person events carry it. */
export function personFacts(person: Person, by: string, at: string): PersonFacts {
  return {
    personId: person.id,
    userName: person.userName,
    displayName: person.displayName,
    emails: person.emails.map((c) => ({ ...c })),
    phones: person.phones.map((c) => ({ ...c })),
    chatHandle: person.chatHandle,
    timeZone: person.timeZone,
    locale: person.locale,
    title: person.title,
    department: person.department,
    employeeNumber: person.employeeNumber,
    managerId: person.managerId,
    organisationId: person.organisationId,
    roles: [...person.roles],
    active: person.active,
    externalId: person.externalId,
    by,
    at,
  };
}

/** A group's attributes as group-saved carries them (members travel as batches). */
export function groupSavedEvent(group: Group, by: string, at: string): DirectoryEvent {
  return {
    type: 'itsm.directory.group-saved.v1',
    data: {
      groupId: group.id,
      name: group.name,
      kind: group.kind,
      organisationId: group.organisationId,
      managerId: group.managerId,
      roles: [...group.roles],
      memberCount: group.memberIds.length,
      externalId: group.externalId,
      by,
      at,
    },
  };
}

export function organisationSavedEvent(organisation: Organisation, by: string, at: string): DirectoryEvent {
  return {
    type: 'itsm.directory.organisation-saved.v1',
    data: { organisationId: organisation.id, name: organisation.name, kind: organisation.kind, parentId: organisation.parentId, active: organisation.active, by, at },
  };
}
