import type { LocalDay } from '@itsm/recurrence';
import * as zoned from '@itsm/recurrence';
import { RecurrenceError, RecurrenceErrorCode } from '@itsm/recurrence';
import { SlaError, SlaErrorCode } from '../sla.errors';

/**
 * The SLA engine's view of the shared zone arithmetic (@itsm/recurrence): the same functions, their
 * refusals in the SLA's codes (UnknownTimeZone with details.timeZone, InvalidInput with
 * details.field), so the SLA's callers and its GraphQL errors keep their contract.
 */

export type { LocalDay };

function inSlaTerms(error: unknown): unknown {
  if (!(error instanceof RecurrenceError)) return error;
  if (error.code === RecurrenceErrorCode.UnknownTimeZone) {
    return new SlaError(SlaErrorCode.UnknownTimeZone, error.message, { timeZone: String(error.details['timeZone']) });
  }
  return new SlaError(SlaErrorCode.InvalidInput, error.message, { field: String(error.details['field'] ?? 'value') });
}

function translated<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    try {
      return fn(...args);
    } catch (error) {
      throw inSlaTerms(error);
    }
  };
}

export const isValidTimeZone = zoned.isValidTimeZone;
export const assertTimeZone = translated(zoned.assertTimeZone);
export const offsetAt = translated(zoned.offsetAt);
export const wallToUtc = translated(zoned.wallToUtc);
export const localToUtc = translated(zoned.localToUtc);
export const localDayOf = translated(zoned.localDayOf);
