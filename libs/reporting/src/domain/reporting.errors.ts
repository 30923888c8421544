import { CodedError } from '@itsm/contracts';
import type { ErrorDetails, ErrorKinds } from '@itsm/contracts';

/** Every way a reporting use case can fail, as a code that crosses process boundaries. */
export enum ReportingErrorCode {
  InvalidInput = 'REPORTING.INVALID_INPUT',
  /** A period, time zone or grouping the report cannot answer (too many buckets, an unknown zone ...). */
  InvalidPeriod = 'REPORTING.INVALID_PERIOD',
  Forbidden = 'REPORTING.FORBIDDEN',
  NotFound = 'REPORTING.NOT_FOUND',
  /** A projection write lost an optimistic-concurrency race (retried by the consumer). */
  Conflict = 'REPORTING.CONFLICT',
}

export class ReportingError extends CodedError<ReportingErrorCode> {
  override readonly name = 'ReportingError';
}

export function reportingError(code: ReportingErrorCode, message: string, details: ErrorDetails = {}): ReportingError {
  return new ReportingError(code, message, details);
}

/** What each code means to a caller (GraphQL filter, dead-letter decisions); exhaustive by type. */
export const REPORTING_ERROR_KINDS: ErrorKinds<ReportingErrorCode> = {
  [ReportingErrorCode.InvalidInput]: 'invalid_input',
  [ReportingErrorCode.InvalidPeriod]: 'invalid_input',
  [ReportingErrorCode.Forbidden]: 'forbidden',
  [ReportingErrorCode.NotFound]: 'not_found',
  [ReportingErrorCode.Conflict]: 'conflict',
};
