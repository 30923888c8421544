import type { Group, Organisation, Person } from './directory.model';

/** Who reads the directory, as the read rules need it (a token's subject, roles and organisation). */
export interface DirectoryViewer {
  /** The token subject: names a person by userName (case-insensitive). */
  readonly userId: string;
  readonly roles: readonly string[];
  readonly orgId: string | undefined;
}

const INTERNAL = ['agent', 'incident-manager', 'problem-manager', 'admin'];

/**
 * What a viewer may read: internal staff (agents, managers, admins) everything; a supplier agent its
 * own organisation's people, groups and the organisation itself; a requester only itself. The most
 * privileged role wins; a viewer with none of these roles reads nothing.
 */
export type DirectoryReadScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'organisation'; readonly organisationId: string }
  | { readonly kind: 'self'; readonly userName: string }
  | { readonly kind: 'none' };

export function directoryReadScope(viewer: DirectoryViewer): DirectoryReadScope {
  if (viewer.roles.some((role) => INTERNAL.includes(role))) return { kind: 'all' };
  if (viewer.roles.includes('supplier-agent') && viewer.orgId !== undefined) return { kind: 'organisation', organisationId: viewer.orgId };
  if (viewer.roles.includes('requester')) return { kind: 'self', userName: viewer.userId };
  return { kind: 'none' };
}

/** userNames compare case-insensitively (a token's subject names a person so). */
export function sameUserName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Whether the person is the viewer itself (its token's subject is the person's userName). */
export function isViewer(viewer: DirectoryViewer, person: Pick<Person, 'userName'>): boolean {
  return sameUserName(viewer.userId, person.userName);
}

export function canReadPerson(scope: DirectoryReadScope, person: Person): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'organisation':
      return person.organisationId === scope.organisationId;
    case 'self':
      return sameUserName(scope.userName, person.userName);
    case 'none':
      return false;
  }
}

/** A requester sees no group (its own memberships only through `me`). */
export function canReadGroup(scope: DirectoryReadScope, group: Group): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'organisation':
      return group.organisationId === scope.organisationId;
    case 'self':
    case 'none':
      return false;
  }
}

export function canReadOrganisation(scope: DirectoryReadScope, organisation: Organisation): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'organisation':
      return organisation.id === scope.organisationId;
    case 'self':
    case 'none':
      return false;
  }
}

/** The person's roles: granted directly first, then those its groups grant, each once, in that order. */
export function effectiveRoles(person: Pick<Person, 'id' | 'roles'>, groups: readonly Group[]): readonly string[] {
  return [...new Set([...person.roles, ...groups.filter((group) => group.memberIds.includes(person.id)).flatMap((group) => group.roles)])];
}
