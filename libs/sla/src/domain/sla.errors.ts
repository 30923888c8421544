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

export class SlaError extends Error {
  override readonly name = 'SlaError';

  constructor(
    readonly code: SlaErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number | boolean | null>> = {},
  ) {
    super(message);
  }
}
