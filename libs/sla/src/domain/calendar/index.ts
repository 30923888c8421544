export * from './business-calendar';
export type { LocalDay } from './zoned-time';
export { localDayOf, localToUtc, offsetAt } from './zoned-time';
export type { ICalendarImport, SkippedEvent, YearRange } from './ical-import';
export { importICalendarHolidays } from './ical-import';
