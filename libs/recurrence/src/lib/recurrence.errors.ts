import { CodedError } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';

/** Why a recurrence (its dates or its rule) was refused. A context maps these onto its own error codes. */
export enum RecurrenceErrorCode {
  /** A DATE or DATE-TIME value that is malformed or names no real date or time. */
  InvalidDate = 'RECURRENCE.INVALID_DATE',
  /** An RRULE that RFC 5545 forbids (no FREQ, COUNT with UNTIL, a duplicated part, a bad value, ...). */
  InvalidRule = 'RECURRENCE.INVALID_RULE',
  /** A valid RRULE this module does not expand (BYWEEKNO, a rule part RFC 5545 does not define). */
  UnsupportedRule = 'RECURRENCE.UNSUPPORTED_RULE',
  /** The expansion bounds are not usable, or the set would exceed its occurrence limit. */
  InvalidWindow = 'RECURRENCE.INVALID_WINDOW',
  /** A time-zone name that is not an IANA zone this runtime knows. */
  UnknownTimeZone = 'RECURRENCE.UNKNOWN_TIME_ZONE',
}

export class RecurrenceError extends CodedError<RecurrenceErrorCode> {
  override readonly name = 'RecurrenceError';

  /** The offending text as given (a date value or a rule part), for the caller's message. */
  get value(): string {
    return String(this.details['value'] ?? '');
  }

  /** The problem without the value, e.g. 'no such date or time'. */
  get problem(): string {
    return String(this.details['problem'] ?? this.message);
  }
}

export function recurrenceError(code: RecurrenceErrorCode, value: string, problem: string): RecurrenceError {
  return new RecurrenceError(code, `${problem}: "${value}"`, { value, problem });
}

/** Every recurrence failure is a problem with the caller's input. */
export const RECURRENCE_ERROR_KINDS: ErrorKinds<RecurrenceErrorCode> = {
  [RecurrenceErrorCode.InvalidDate]: 'invalid_input',
  [RecurrenceErrorCode.InvalidRule]: 'invalid_input',
  [RecurrenceErrorCode.UnsupportedRule]: 'invalid_input',
  [RecurrenceErrorCode.InvalidWindow]: 'invalid_input',
  [RecurrenceErrorCode.UnknownTimeZone]: 'invalid_input',
};
