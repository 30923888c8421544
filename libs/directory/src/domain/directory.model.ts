/*
 * The people directory's records as the domain sees them (no persistence or transport shape).
 * The rules that create and change them (validation, deactivation, membership) live beside these
 * types in domain/; this file is the vocabulary every layer shares.
 */

export const ORGANISATION_KINDS = ['internal', 'customer', 'supplier'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const GROUP_KINDS = ['assignment', 'approval', 'cab', 'on_call'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly parentId: string | null;
  readonly active: boolean;
}

/** An email address or phone number as the identity provider sends it. */
export interface Contact {
  readonly value: string;
  readonly type: string | null;
  readonly primary: boolean;
}

export interface Person {
  /** The directory's id (the SCIM `id`): stable for the person's life, never reused. */
  readonly id: string;
  /** Unique, compared case-insensitively; a token's subject (`sub`) names a person by it. */
  readonly userName: string;
  readonly displayName: string;
  readonly emails: readonly Contact[];
  readonly phones: readonly Contact[];
  readonly chatHandle: string | null;
  /** IANA zone name; null: the caller's organisation's or the platform's default applies. */
  readonly timeZone: string | null;
  /** BCP 47 tag. */
  readonly locale: string | null;
  readonly title: string | null;
  /** Enterprise extension: department, employee number, manager. */
  readonly department: string | null;
  readonly employeeNumber: string | null;
  readonly managerId: string | null;
  readonly organisationId: string | null;
  /** Roles granted directly (group roles come with membership). */
  readonly roles: readonly string[];
  /** False: out of routing, assignment and approvals; the record and its history stay. */
  readonly active: boolean;
  /** The identity provider's id of the person. */
  readonly externalId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Optimistic version: +1 per write (SCIM meta.version, If-Match). */
  readonly version: number;
}

export interface Group {
  readonly id: string;
  readonly name: string;
  readonly kind: GroupKind;
  readonly organisationId: string | null;
  readonly managerId: string | null;
  /** Roles every member holds while a member. */
  readonly roles: readonly string[];
  /** Person ids, no duplicates, in the order they joined. */
  readonly memberIds: readonly string[];
  readonly externalId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Optimistic version: +1 per write (SCIM meta.version, If-Match). */
  readonly version: number;
}

/** A client the identity provider provisions through (SCIM bearer token; only its hash is kept). */
export interface ProvisioningClient {
  readonly id: string;
  readonly name: string;
  /** What SCIM may write as: the organisation its people default to (null: internal staff). */
  readonly organisationId: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}
