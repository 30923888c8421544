import { DirectoryError, DirectoryErrorCode } from './directory.errors';

/**
 * A writer bound to an organisation (a provisioning client of a customer or supplier) sees and
 * changes only that organisation's records: another's is answered as not found, so its existence
 * does not leak. `actorOrganisationId` undefined: unbound (admins, the system).
 */
export function withinScope(actorOrganisationId: string | undefined, recordOrganisationId: string | null): boolean {
  return actorOrganisationId === undefined || recordOrganisationId === actorOrganisationId;
}

/**
 * The organisation a new or changed record of a bound writer gets: its own when none is stated;
 * DIRECTORY.FORBIDDEN when another is.
 */
export function organisationForWriter(actorOrganisationId: string | undefined, stated: string | null): string | null {
  if (actorOrganisationId === undefined) return stated;
  if (stated !== null && stated !== actorOrganisationId) {
    throw new DirectoryError(DirectoryErrorCode.Forbidden, `this writer provisions organisation ${actorOrganisationId} only`, { organisationId: stated });
  }
  return actorOrganisationId;
}
