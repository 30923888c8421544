import { CodedErrorFilter } from '@itsm/platform/graphql';
import { CMDB_ERROR_KINDS, CmdbErrorCode } from '../domain';

/** CMDB errors at the GraphQL edge: `extensions.code` is the domain code (e.g. CMDB.FORBIDDEN_RELATIONSHIP), `extensions.details` its fields. */
export const cmdbErrorFilter = new CodedErrorFilter({ kinds: CMDB_ERROR_KINDS, concurrencyCode: CmdbErrorCode.Conflict });
