import { DirectoryError, DirectoryErrorCode } from '../domain';
import { SCIM_ERROR_SCHEMA } from './scim-schemas';

/** The `scimType` values of RFC 7644 §3.12 this service provider answers with. */
export type ScimType = 'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue';

/** A failed SCIM request: its HTTP status, its `scimType` where RFC 7644 §3.12 defines one, a detail for people. */
export class ScimError extends Error {
  override readonly name = 'ScimError';
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
  ) {
    super(detail);
  }

  static badRequest(scimType: ScimType, detail: string): ScimError {
    return new ScimError(400, scimType, detail);
  }
}

/** The SCIM Error message (RFC 7644 §3.12): `status` is a string. */
export interface ScimErrorBody {
  readonly schemas: readonly [typeof SCIM_ERROR_SCHEMA];
  readonly status: string;
  readonly scimType?: ScimType;
  readonly detail: string;
}

export function scimErrorBody(error: ScimError): ScimErrorBody {
  return {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(error.status),
    ...(error.scimType === undefined ? {} : { scimType: error.scimType }),
    detail: error.detail,
  };
}

/** What each directory failure answers over SCIM; exhaustive by type (a new code does not compile without its row). */
export const SCIM_STATUS_OF_DIRECTORY_ERROR: Readonly<Record<DirectoryErrorCode, { readonly status: number; readonly scimType?: ScimType }>> = {
  [DirectoryErrorCode.InvalidInput]: { status: 400, scimType: 'invalidValue' },
  [DirectoryErrorCode.PersonNotFound]: { status: 404 },
  [DirectoryErrorCode.GroupNotFound]: { status: 404 },
  // The organisation a write names is the client's or the record's: a value the request cannot use.
  [DirectoryErrorCode.OrganisationNotFound]: { status: 400, scimType: 'invalidValue' },
  [DirectoryErrorCode.ProvisioningClientNotFound]: { status: 404 },
  [DirectoryErrorCode.Uniqueness]: { status: 409, scimType: 'uniqueness' },
  // A stale If-Match (RFC 7644 §3.14): 412 Precondition Failed.
  [DirectoryErrorCode.Conflict]: { status: 412 },
  [DirectoryErrorCode.Forbidden]: { status: 403 },
  [DirectoryErrorCode.Unauthenticated]: { status: 401 },
  [DirectoryErrorCode.TooMany]: { status: 400, scimType: 'tooMany' },
};

/**
 * A person a field of the request names (`managerId`, members: the error's `field` detail) that is
 * no person the client sees is a bad value (400 invalidValue), not the 404 of the addressed resource.
 */
export function scimErrorFromDirectory(error: DirectoryError): ScimError {
  if (error.code === DirectoryErrorCode.PersonNotFound && typeof error.details['field'] === 'string') {
    return ScimError.badRequest('invalidValue', error.message);
  }
  const { status, scimType } = SCIM_STATUS_OF_DIRECTORY_ERROR[error.code];
  return new ScimError(status, scimType, error.message);
}

/** Any failure as a SCIM error: ScimError and DirectoryError as they are; anything else is the server's fault (500, no detail leaked). */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof DirectoryError) return scimErrorFromDirectory(error);
  return new ScimError(500, undefined, 'The directory could not answer the request.');
}
