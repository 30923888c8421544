import { CodedError } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';

/** Every way a CMDB use case can fail, as a code that crosses process boundaries. */
export enum CmdbErrorCode {
  UnknownClass = 'CMDB.UNKNOWN_CLASS',
  AbstractClass = 'CMDB.ABSTRACT_CLASS',
  InvalidClass = 'CMDB.INVALID_CLASS',
  InvalidAttribute = 'CMDB.INVALID_ATTRIBUTE',
  UnknownRelationshipType = 'CMDB.UNKNOWN_RELATIONSHIP_TYPE',
  InvalidRelationshipType = 'CMDB.INVALID_RELATIONSHIP_TYPE',
  ForbiddenRelationship = 'CMDB.FORBIDDEN_RELATIONSHIP',
  UnknownSource = 'CMDB.UNKNOWN_SOURCE',
  InvalidSource = 'CMDB.INVALID_SOURCE',
  SourceMayNotCreate = 'CMDB.SOURCE_MAY_NOT_CREATE',
  /** A discovery feed record without a valid signature by a key of the source it names (details: source, reason). */
  DiscoveryNotAuthenticated = 'CMDB.DISCOVERY_NOT_AUTHENTICATED',
  NotIdentifiable = 'CMDB.NOT_IDENTIFIABLE',
  ClassMismatch = 'CMDB.CLASS_MISMATCH',
  CiNotFound = 'CMDB.CI_NOT_FOUND',
  CiRetired = 'CMDB.CI_RETIRED',
  RelationshipNotFound = 'CMDB.RELATIONSHIP_NOT_FOUND',
  InvalidInput = 'CMDB.INVALID_INPUT',
  Conflict = 'CMDB.CONFLICT',
}

export class CmdbError extends CodedError<CmdbErrorCode> {
  override readonly name = 'CmdbError';
}

/** What each code means to a caller (GraphQL filter, dead-letter decisions); exhaustive by type. */
export const CMDB_ERROR_KINDS: ErrorKinds<CmdbErrorCode> = {
  [CmdbErrorCode.UnknownClass]: 'invalid_input',
  [CmdbErrorCode.AbstractClass]: 'invalid_input',
  [CmdbErrorCode.InvalidClass]: 'invalid_input',
  [CmdbErrorCode.InvalidAttribute]: 'invalid_input',
  [CmdbErrorCode.UnknownRelationshipType]: 'invalid_input',
  [CmdbErrorCode.InvalidRelationshipType]: 'invalid_input',
  [CmdbErrorCode.ForbiddenRelationship]: 'invalid_input',
  [CmdbErrorCode.UnknownSource]: 'invalid_input',
  [CmdbErrorCode.InvalidSource]: 'invalid_input',
  [CmdbErrorCode.SourceMayNotCreate]: 'forbidden',
  [CmdbErrorCode.DiscoveryNotAuthenticated]: 'forbidden',
  [CmdbErrorCode.NotIdentifiable]: 'invalid_input',
  [CmdbErrorCode.ClassMismatch]: 'invalid_input',
  [CmdbErrorCode.CiNotFound]: 'not_found',
  [CmdbErrorCode.CiRetired]: 'illegal_state',
  [CmdbErrorCode.RelationshipNotFound]: 'not_found',
  [CmdbErrorCode.InvalidInput]: 'invalid_input',
  [CmdbErrorCode.Conflict]: 'conflict',
};
