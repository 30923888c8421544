import type { directoryTopic, EventOf } from '@itsm/contracts';
import type { OrganisationKind } from './incident';

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

/**
 * A group without its members (they change by `members-added`/`-removed`). The directory events'
 * reading is the platform's (`directoryChange` of @itsm/platform/persistence): its records carry
 * these fields and more.
 */
export interface ProjectedGroup {
  readonly id: string;
  readonly name: string;
  readonly kind: GroupKind;
  readonly orgId: string | null;
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
