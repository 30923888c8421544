import { CodedErrorFilter } from '@itsm/platform/graphql';
import { DIRECTORY_ERROR_KINDS, DirectoryErrorCode } from '../domain';

/** Directory errors at the GraphQL edge: `extensions.code` is the domain code (e.g. DIRECTORY.UNIQUENESS), `extensions.details` its fields. */
export const directoryErrorFilter = new CodedErrorFilter({ kinds: DIRECTORY_ERROR_KINDS, concurrencyCode: DirectoryErrorCode.Conflict });
