import { directorySubject } from '@itsm/contracts';
import type { directoryTopic, DirectoryRecordKind, EventOf } from '@itsm/contracts';

/** An event of the people directory (`itsm.directory.v1`), its payload checked by the bus. */
export type DirectoryEvent = EventOf<typeof directoryTopic>;

type DataOf<T extends DirectoryEvent['type']> = Extract<DirectoryEvent, { type: T }>['data'];
export type DirectoryGroupKind = DataOf<'itsm.directory.group-saved.v1'>['kind'];
export type DirectoryOrganisationKind = DataOf<'itsm.directory.organisation-saved.v1'>['kind'];

/** An organisation as a context's directory projection keeps it. */
export interface ProjectedOrganisation {
  readonly id: string;
  readonly name: string;
  readonly kind: DirectoryOrganisationKind;
  readonly active: boolean;
}

/** A person's facts a projection keeps (`userName` lower-cased: it is compared case-insensitively). */
export interface ProjectedPerson {
  readonly id: string;
  readonly userName: string;
  readonly displayName: string;
  readonly active: boolean;
  readonly orgId: string | null;
  /** Granted directly (group roles come with membership). */
  readonly roles: readonly string[];
  readonly timeZone: string | null;
  /** The person's line manager (a person id), when the directory names one. */
  readonly managerId: string | null;
  /** Where mail reaches the person: the primary email, else the first one (notifications). */
  readonly email: string | null;
  /** A BCP 47 tag (en, de-CH) the person reads in; null: the platform's default. */
  readonly locale: string | null;
  /** The person's chat handle (a Slack or Teams user), as the directory holds it. */
  readonly chatHandle: string | null;
}

/** A group without its members (they change by `members-added`/`-removed`). */
export interface ProjectedGroup {
  readonly id: string;
  readonly name: string;
  readonly kind: DirectoryGroupKind;
  readonly orgId: string | null;
  /** Every member holds these while a member. */
  readonly roles: readonly string[];
  /** The group's manager (a person id), when the directory names one. */
  readonly managerId: string | null;
}

/** What one directory event changes in a projection. */
export type DirectoryChange =
  | { readonly kind: 'organisation'; readonly organisation: ProjectedOrganisation }
  | { readonly kind: 'person'; readonly person: ProjectedPerson }
  | { readonly kind: 'person-deleted'; readonly personId: string; readonly userName: string }
  | { readonly kind: 'group'; readonly group: ProjectedGroup }
  | { readonly kind: 'members-added' | 'members-removed'; readonly groupId: string; readonly personIds: readonly string[] }
  | { readonly kind: 'group-deleted'; readonly groupId: string };

/** How a context refuses an event keyed by another record than the one it describes (its own coded error). */
export type RefuseDirectoryEvent = (message: string, eventId: string) => Error;

/**
 * A projection's reading of a directory event. Every event but the member batches and the deletions
 * carries its record's whole state, so the latest by sequence wins; the directory keys each event by
 * the record it is about (`directorySubject`), and an event that names another is refused.
 */
export function directoryChange(event: DirectoryEvent, refuse: RefuseDirectoryEvent): DirectoryChange {
  const subjectOf = (kind: DirectoryRecordKind, id: string): string => {
    if (event.subject !== directorySubject(kind, id)) throw refuse(`${event.type} ${event.id} is keyed by ${event.subject} but is about ${id}`, event.id);
    return id;
  };
  switch (event.type) {
    case 'itsm.directory.organisation-saved.v1': {
      const d = event.data;
      return { kind: 'organisation', organisation: { id: subjectOf('organisation', d.organisationId), name: d.name, kind: d.kind, active: d.active } };
    }
    case 'itsm.directory.person-created.v1':
    case 'itsm.directory.person-updated.v1':
    case 'itsm.directory.person-deactivated.v1':
    case 'itsm.directory.person-reactivated.v1': {
      const d = event.data;
      const person = { id: subjectOf('person', d.personId), userName: d.userName.toLowerCase(), displayName: d.displayName, active: d.active, orgId: d.organisationId, roles: [...new Set(d.roles)], timeZone: d.timeZone, managerId: d.managerId, email: primaryEmail(d.emails), locale: d.locale, chatHandle: d.chatHandle };
      return { kind: 'person', person };
    }
    case 'itsm.directory.person-deleted.v1':
      return { kind: 'person-deleted', personId: subjectOf('person', event.data.personId), userName: event.data.userName.toLowerCase() };
    case 'itsm.directory.group-saved.v1': {
      const d = event.data;
      return { kind: 'group', group: { id: subjectOf('group', d.groupId), name: d.name, kind: d.kind, orgId: d.organisationId, roles: [...new Set(d.roles)], managerId: d.managerId } };
    }
    case 'itsm.directory.group-members-added.v1':
      return { kind: 'members-added', groupId: subjectOf('group', event.data.groupId), personIds: [...new Set(event.data.personIds)] };
    case 'itsm.directory.group-members-removed.v1':
      return { kind: 'members-removed', groupId: subjectOf('group', event.data.groupId), personIds: [...new Set(event.data.personIds)] };
    case 'itsm.directory.group-deleted.v1':
      return { kind: 'group-deleted', groupId: subjectOf('group', event.data.groupId) };
  }
}

/** The primary email, else the first one listed; null when the person has none. */
function primaryEmail(emails: readonly { readonly value: string; readonly primary: boolean }[]): string | null {
  return (emails.find((e) => e.primary) ?? emails[0])?.value ?? null;
}
