import { CodedErrorFilter } from '@itsm/platform/graphql';
import { CHANGE_ERROR_KINDS, ChangeErrorCode } from '../domain';

/** Change errors at the GraphQL edge: `extensions.code` is the domain code, `extensions.details` its fields. */
export const changeErrorFilter = new CodedErrorFilter({ kinds: CHANGE_ERROR_KINDS, concurrencyCode: ChangeErrorCode.Conflict });
