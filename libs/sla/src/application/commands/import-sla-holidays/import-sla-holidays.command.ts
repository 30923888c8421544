/** Adds the all-day events of an iCalendar (RFC 5545) file in a year range as holidays of a calendar. */
export interface ImportSlaHolidaysCommand {
  /** The admin's user id. */
  readonly by: string;
  readonly calendarId: string;
  /** The iCalendar text. */
  readonly ics: string;
  readonly fromYear: number;
  readonly toYear: number;
  /** The calendar version the admin read. */
  readonly expectedVersion: number;
}
