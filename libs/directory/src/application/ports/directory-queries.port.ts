import type { Group, Organisation, Person, ProvisioningClient } from '../../domain';

/*
 * How the directory is searched, whatever asks (SCIM filters, GraphQL filter inputs, the
 * benchmark): one small criterion tree over a closed list of fields, translated to indexed store
 * queries by the persistence layer. An edge (SCIM, GraphQL) maps its own syntax to this tree and
 * refuses fields outside the list with its own typed error, so nothing unknown reaches a store.
 */

/** Person fields a criterion may name (SCIM: userName, name.formatted->displayName, emails.value, ...). */
export const PERSON_FIELDS = [
  'id',
  'userName',
  'displayName',
  'email',
  'externalId',
  'active',
  'organisationId',
  'managerId',
  'department',
  'employeeNumber',
  'title',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export const GROUP_FIELDS = ['id', 'name', 'kind', 'organisationId', 'externalId', 'memberId'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

/** eq/ne/co/sw/ew compare text (userName, email, externalId case-insensitively); pr: the field has a value. */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export type Criterion<F extends string> =
  | { readonly field: F; readonly op: CompareOperator; readonly value: string | boolean | null }
  | { readonly field: F; readonly op: 'pr' }
  | { readonly and: readonly Criterion<F>[] }
  | { readonly or: readonly Criterion<F>[] }
  | { readonly not: Criterion<F> };

/** Offset pages (SCIM `startIndex` is 1-based; this is 0-based) in a stable order (id). */
export interface OffsetPage {
  readonly offset: number;
  readonly limit: number;
}

export interface Found<T> {
  readonly items: readonly T[];
  /** Matches in all (SCIM totalResults). */
  readonly total: number;
}

/** Scope of what the asker may see (a supplier agent: its organisation only). Undefined: everything. */
export interface DirectoryScope {
  readonly organisationId?: string;
}

export abstract class PeopleQueries {
  abstract byId(id: string): Promise<Person | undefined>;
  /** Case-insensitive. */
  abstract byUserName(userName: string): Promise<Person | undefined>;
  abstract find(where: Criterion<PersonField> | undefined, page: OffsetPage, scope?: DirectoryScope): Promise<Found<Person>>;
}

export abstract class GroupQueries {
  abstract byId(id: string): Promise<Group | undefined>;
  abstract find(where: Criterion<GroupField> | undefined, page: OffsetPage, scope?: DirectoryScope): Promise<Found<Group>>;
  /** The groups a person belongs to. */
  abstract ofPerson(personId: string): Promise<readonly Group[]>;
}

export abstract class OrganisationQueries {
  abstract byId(id: string): Promise<Organisation | undefined>;
  abstract list(scope?: DirectoryScope): Promise<readonly Organisation[]>;
}

/** The provisioning client a SCIM bearer token belongs to; DIRECTORY.UNAUTHENTICATED for none, an unknown or a revoked token. */
export abstract class ProvisioningClientAuthenticator {
  abstract authenticate(bearerToken: string | undefined): Promise<ProvisioningClient>;
}
