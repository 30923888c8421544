import { directorySubject } from '@itsm/contracts';
import type { directoryTopic, DirectoryRecordKind, EventOf } from '@itsm/contracts';
import type { OrganisationKind } from './incident';
import { IncidentError, IncidentErrorCode } from './incident.errors';

/** An event of the people directory (`itsm.directory.v1`), its payload checked by the bus. */
export type DirectoryEvent = EventOf<typeof directoryTopic>;

export type GroupKind = Extract<DirectoryEvent, { type: 'itsm.directory.group-saved.v1' }>['data']['kind'];

/** An organisation as this context keeps it: inactive ones take no new assignments. */
export interface ProjectedOrganisation {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly active: boolean;
}

/** A person as assignment needs them: a token's subject names them by `userName` (kept lower-cased). */
export interface ProjectedPerson {
  readonly id: string;
  readonly userName: string;
  readonly active: boolean;
  readonly orgId: string | null;
}

/** A group without its members (they change by `members-added`/`-removed`). */
export interface ProjectedGroup {
  readonly id: string;
  readonly name: string;
  readonly kind: GroupKind;
  readonly orgId: string | null;
}

/** What one directory event changes in the projection. */
export type DirectoryChange =
  | { readonly kind: 'organisation'; readonly organisation: ProjectedOrganisation }
  | { readonly kind: 'person'; readonly person: ProjectedPerson }
  | { readonly kind: 'person-deleted'; readonly personId: string; readonly userName: string }
  | { readonly kind: 'group'; readonly group: ProjectedGroup }
  | { readonly kind: 'members-added' | 'members-removed'; readonly groupId: string; readonly personIds: readonly string[] }
  | { readonly kind: 'group-deleted'; readonly groupId: string };

/** The directory keys each event by the record it is about (`directorySubject`); an event that names another is refused. */
function subjectOf(event: DirectoryEvent, kind: DirectoryRecordKind, id: string): string {
  if (event.subject !== directorySubject(kind, id)) {
    throw new IncidentError(IncidentErrorCode.InvalidDirectoryEvent, `${event.type} ${event.id} is keyed by ${event.subject} but is about ${id}`, { eventId: event.id });
  }
  return id;
}

/**
 * The projection's reading of a directory event. Every event but the member batches and the
 * deletions carries its record's whole state, so the latest by sequence wins; a person-deleted
 * leaves a tombstone (not assignable, and an older event replayed cannot bring them back).
 */
export function directoryChange(event: DirectoryEvent): DirectoryChange {
  switch (event.type) {
    case 'itsm.directory.organisation-saved.v1': {
      const d = event.data;
      return { kind: 'organisation', organisation: { id: subjectOf(event, 'organisation', d.organisationId), name: d.name, kind: d.kind, active: d.active } };
    }
    case 'itsm.directory.person-created.v1':
    case 'itsm.directory.person-updated.v1':
    case 'itsm.directory.person-deactivated.v1':
    case 'itsm.directory.person-reactivated.v1': {
      const d = event.data;
      return { kind: 'person', person: { id: subjectOf(event, 'person', d.personId), userName: d.userName.toLowerCase(), active: d.active, orgId: d.organisationId } };
    }
    case 'itsm.directory.person-deleted.v1':
      return { kind: 'person-deleted', personId: subjectOf(event, 'person', event.data.personId), userName: event.data.userName.toLowerCase() };
    case 'itsm.directory.group-saved.v1': {
      const d = event.data;
      return { kind: 'group', group: { id: subjectOf(event, 'group', d.groupId), name: d.name, kind: d.kind, orgId: d.organisationId } };
    }
    case 'itsm.directory.group-members-added.v1':
      return { kind: 'members-added', groupId: subjectOf(event, 'group', event.data.groupId), personIds: [...new Set(event.data.personIds)] };
    case 'itsm.directory.group-members-removed.v1':
      return { kind: 'members-removed', groupId: subjectOf(event, 'group', event.data.groupId), personIds: [...new Set(event.data.personIds)] };
    case 'itsm.directory.group-deleted.v1':
      return { kind: 'group-deleted', groupId: subjectOf(event, 'group', event.data.groupId) };
  }
}

/** Splits a group's members (person ids, in order) into the user names of the active and the deactivated ones; unknown or deleted people are left out. */
export function memberStanding(memberIds: readonly string[], people: ReadonlyMap<string, ProjectedPerson & { readonly deleted?: boolean }>): { members: string[]; inactiveMembers: string[] } {
  const members: string[] = [];
  const inactiveMembers: string[] = [];
  for (const id of memberIds) {
    const person = people.get(id);
    if (person === undefined || person.deleted === true) continue;
    (person.active ? members : inactiveMembers).push(person.userName);
  }
  return { members, inactiveMembers };
}
