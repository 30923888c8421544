import type { AggregateCommandErrors } from '@itsm/platform/persistence';
import { DirectoryError, DirectoryErrorCode } from '../domain';

const conflict = (what: string) => () => new DirectoryError(DirectoryErrorCode.Conflict, `the ${what} changed concurrently; try again`);

/** DIRECTORY.PERSON_NOT_FOUND / CONFLICT of a command on one person. */
export const personErrors: AggregateCommandErrors = {
  notFound: (personId) => new DirectoryError(DirectoryErrorCode.PersonNotFound, `no person ${personId}`, { personId }),
  conflict: conflict('person'),
};

export const groupErrors: AggregateCommandErrors = {
  notFound: (groupId) => new DirectoryError(DirectoryErrorCode.GroupNotFound, `no group ${groupId}`, { groupId }),
  conflict: conflict('group'),
};

export const organisationErrors: AggregateCommandErrors = {
  notFound: (organisationId) => new DirectoryError(DirectoryErrorCode.OrganisationNotFound, `no organisation ${organisationId}`, { organisationId }),
  conflict: conflict('organisation'),
};

/** DIRECTORY.CONFLICT when the caller stated the version it read (SCIM If-Match) and the record moved on. */
export function checkExpectedVersion(expected: number | undefined, actual: number, what: string): void {
  if (expected !== undefined && expected !== actual) {
    throw new DirectoryError(DirectoryErrorCode.Conflict, `the ${what} is at version ${actual}, not ${expected}`, { expectedVersion: expected, version: actual });
  }
}

/** DIRECTORY.FORBIDDEN for a writer bound to an organisation (provisioning clients do not administer the directory). */
export function requireUnbound(organisationId: string | undefined, what: string): void {
  if (organisationId !== undefined) throw new DirectoryError(DirectoryErrorCode.Forbidden, `only administrators ${what}`);
}
