import { CodedErrorFilter } from '@itsm/platform/graphql';
import { REPORTING_ERROR_KINDS, ReportingErrorCode } from '../domain';

/** Reporting errors at the GraphQL edge: `extensions.code` is the domain code (REPORTING.INVALID_PERIOD), `extensions.details` its fields. */
export const reportingErrorFilter = new CodedErrorFilter({ kinds: REPORTING_ERROR_KINDS, concurrencyCode: ReportingErrorCode.Conflict });
