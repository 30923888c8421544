import { CodedError } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';

/** Every way a directory use case can fail, as a code that crosses process boundaries. */
export enum DirectoryErrorCode {
  InvalidInput = 'DIRECTORY.INVALID_INPUT',
  PersonNotFound = 'DIRECTORY.PERSON_NOT_FOUND',
  GroupNotFound = 'DIRECTORY.GROUP_NOT_FOUND',
  OrganisationNotFound = 'DIRECTORY.ORGANISATION_NOT_FOUND',
  ProvisioningClientNotFound = 'DIRECTORY.PROVISIONING_CLIENT_NOT_FOUND',
  /** A userName (case-insensitive) or id already taken. */
  Uniqueness = 'DIRECTORY.UNIQUENESS',
  /** Someone else changed the record first (optimistic version, SCIM If-Match). */
  Conflict = 'DIRECTORY.CONFLICT',
  Forbidden = 'DIRECTORY.FORBIDDEN',
  /** No, an unknown or a revoked provisioning token. */
  Unauthenticated = 'DIRECTORY.UNAUTHENTICATED',
  /** Too many results or members for one request. */
  TooMany = 'DIRECTORY.TOO_MANY',
}

export class DirectoryError extends CodedError<DirectoryErrorCode> {
  override readonly name = 'DirectoryError';
}

/** What each code means to a caller (GraphQL filter, SCIM status, dead-letter decisions); exhaustive by type. */
export const DIRECTORY_ERROR_KINDS: ErrorKinds<DirectoryErrorCode> = {
  [DirectoryErrorCode.InvalidInput]: 'invalid_input',
  [DirectoryErrorCode.PersonNotFound]: 'not_found',
  [DirectoryErrorCode.GroupNotFound]: 'not_found',
  [DirectoryErrorCode.OrganisationNotFound]: 'not_found',
  [DirectoryErrorCode.ProvisioningClientNotFound]: 'not_found',
  [DirectoryErrorCode.Uniqueness]: 'illegal_state',
  [DirectoryErrorCode.Conflict]: 'conflict',
  [DirectoryErrorCode.Forbidden]: 'forbidden',
  [DirectoryErrorCode.Unauthenticated]: 'forbidden',
  [DirectoryErrorCode.TooMany]: 'invalid_input',
};
