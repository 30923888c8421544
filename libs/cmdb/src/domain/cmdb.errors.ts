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
  NotIdentifiable = 'CMDB.NOT_IDENTIFIABLE',
  ClassMismatch = 'CMDB.CLASS_MISMATCH',
  CiNotFound = 'CMDB.CI_NOT_FOUND',
  CiRetired = 'CMDB.CI_RETIRED',
  RelationshipNotFound = 'CMDB.RELATIONSHIP_NOT_FOUND',
  InvalidInput = 'CMDB.INVALID_INPUT',
  Conflict = 'CMDB.CONFLICT',
}

export type CmdbErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export class CmdbError extends Error {
  override readonly name = 'CmdbError';

  constructor(
    readonly code: CmdbErrorCode,
    message: string,
    readonly details: CmdbErrorDetails = {},
  ) {
    super(message);
  }
}
