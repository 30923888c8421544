import { CodedErrorFilter } from '@itsm/platform/graphql';
import { SLA_ERROR_KINDS, SlaErrorCode } from '../domain';

/** SLA errors at the GraphQL edge: `extensions.code` is the domain code (e.g. SLA.INVALID_DEFINITION), `extensions.details` its fields. */
export const slaErrorFilter = new CodedErrorFilter({ kinds: SLA_ERROR_KINDS, concurrencyCode: SlaErrorCode.Conflict });
