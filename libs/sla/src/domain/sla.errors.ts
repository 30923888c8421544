import { CodedError } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';

/** Every way an SLA use case can fail, as a code that crosses process boundaries. */
export enum SlaErrorCode {
  InvalidCalendar = 'SLA.INVALID_CALENDAR',
  InvalidDefinition = 'SLA.INVALID_DEFINITION',
  UnknownTimeZone = 'SLA.UNKNOWN_TIME_ZONE',
  InvalidICalendar = 'SLA.INVALID_ICALENDAR',
  CalendarNotFound = 'SLA.CALENDAR_NOT_FOUND',
  DefinitionNotFound = 'SLA.DEFINITION_NOT_FOUND',
  CalendarInUse = 'SLA.CALENDAR_IN_USE',
  InvalidInput = 'SLA.INVALID_INPUT',
  Conflict = 'SLA.CONFLICT',
  NotFound = 'SLA.NOT_FOUND',
}

export class SlaError extends CodedError<SlaErrorCode> {
  override readonly name = 'SlaError';
}

/** What each code means to a caller (GraphQL filter, dead-letter decisions); exhaustive by type. */
export const SLA_ERROR_KINDS: ErrorKinds<SlaErrorCode> = {
  [SlaErrorCode.InvalidCalendar]: 'invalid_input',
  [SlaErrorCode.InvalidDefinition]: 'invalid_input',
  [SlaErrorCode.UnknownTimeZone]: 'invalid_input',
  [SlaErrorCode.InvalidICalendar]: 'invalid_input',
  [SlaErrorCode.CalendarNotFound]: 'not_found',
  [SlaErrorCode.DefinitionNotFound]: 'not_found',
  [SlaErrorCode.CalendarInUse]: 'illegal_state',
  [SlaErrorCode.InvalidInput]: 'invalid_input',
  [SlaErrorCode.Conflict]: 'conflict',
  [SlaErrorCode.NotFound]: 'not_found',
};
