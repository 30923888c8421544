import type { Person, Group } from '../domain';

/**
 * Who acts on the directory: an admin or the system (GraphQL, demo data), or a provisioning client
 * (SCIM). `by` goes into the events (a user id, `system`, or `scim:<client id>`). A provisioning
 * client bound to an organisation writes and reads that organisation's people and groups only.
 */
export interface DirectoryActor {
  readonly by: string;
  readonly organisationId?: string;
}

/** A person's attributes as a writer states them (the directory keeps id, times and version). */
export type PersonInput = Omit<Person, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

/** A group's attributes and whole member list as a writer states them. */
export type GroupInput = Omit<Group, 'id' | 'createdAt' | 'updatedAt' | 'version'>;
