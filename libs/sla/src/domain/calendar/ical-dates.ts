import { daysFromCivil, isValidCivilDate } from './civil-date';
import type { ContentLine } from './ical-content';
import { iCalendarError } from './ical-content';

/** A DATE or DATE-TIME value reduced to its calendar date (day number) and whether it had a time. */
export interface ICalDate {
  readonly day: number;
  readonly timed: boolean;
}

const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z?$/;

/**
 * Parses `20261225` (all-day) or `20261225T090000[Z]` (timed; the date part is kept as written).
 * Throws SlaError(InvalidICalendar) naming the line for anything else, or for impossible dates.
 */
export function parseICalDate(text: string, valueType: string | undefined, line: number, property: string): ICalDate {
  const value = text.trim();
  const type = valueType?.toUpperCase();
  const date = DATE.exec(value);
  const dateTime = date === null && type !== 'DATE' ? DATE_TIME.exec(value) : null;
  const match = date ?? dateTime;
  if (match === null || (type !== undefined && type !== 'DATE' && type !== 'DATE-TIME')) {
    throw iCalendarError(line, `malformed ${property} date "${value}" (expected YYYYMMDD or YYYYMMDDTHHMMSS)`);
  }
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const timeOk = dateTime === null || (Number(dateTime[4]) <= 23 && Number(dateTime[5]) <= 59 && Number(dateTime[6]) <= 60);
  if (!isValidCivilDate(y, m, d) || y < 1 || !timeOk) {
    throw iCalendarError(line, `malformed ${property} date "${value}" (no such date or time)`);
  }
  return { day: daysFromCivil(y, m, d), timed: dateTime !== null };
}

/** A property's single date value, honouring its VALUE parameter. */
export function propertyDate(property: ContentLine): ICalDate {
  return parseICalDate(property.value, property.params.get('VALUE'), property.line, property.name);
}

/** EXDATE/RDATE: comma-separated dates (a PERIOD counts from its start), as day numbers. */
export function propertyDateList(property: ContentLine): number[] {
  const valueType = property.params.get('VALUE')?.toUpperCase();
  return property.value
    .split(',')
    .filter((item) => item.trim() !== '')
    .map((item) => {
      const start = item.split('/')[0] ?? item;
      return parseICalDate(start, valueType === 'PERIOD' ? undefined : valueType, property.line, property.name).day;
    });
}
