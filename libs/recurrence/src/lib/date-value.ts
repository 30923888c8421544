import ICAL from 'ical.js';
import { RecurrenceErrorCode, recurrenceError } from './recurrence.errors';

/**
 * An RFC 5545 DATE (all day) or DATE-TIME value, as written: a DATE-TIME is local wall time (floating,
 * or in the zone its TZID names) unless `utc`. No time zone arithmetic happens here.
 */
export type DateValue =
  | { readonly kind: 'date'; readonly year: number; readonly month: number; readonly day: number }
  | {
      readonly kind: 'date-time';
      readonly year: number;
      readonly month: number;
      readonly day: number;
      readonly hour: number;
      readonly minute: number;
      readonly second: number;
      readonly utc: boolean;
    };

const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/;

/**
 * Parses `20261225` or `20261225T090000[Z]`, strictly (ical.js itself accepts and silently rolls
 * over impossible dates such as 20260230). `valueType` is the property's VALUE parameter: with
 * 'date' only a DATE is accepted; a bare DATE is accepted where a DATE-TIME is the default, as
 * calendar exports write it. Throws RecurrenceError(InvalidDate) with the value and the problem.
 */
export function parseDateValue(text: string, valueType?: string): DateValue {
  const value = text.trim();
  const type = valueType?.toLowerCase();
  if (type !== undefined && type !== 'date' && type !== 'date-time') {
    throw recurrenceError(RecurrenceErrorCode.InvalidDate, value, `VALUE=${valueType ?? ''} is not DATE or DATE-TIME`);
  }
  const date = DATE.exec(value);
  const dateTime = date === null && type !== 'date' ? DATE_TIME.exec(value) : null;
  const match = date ?? dateTime;
  if (match === null) {
    throw recurrenceError(RecurrenceErrorCode.InvalidDate, value, 'expected YYYYMMDD or YYYYMMDDTHHMMSS');
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [hour, minute, second] = dateTime === null ? [0, 0, 0] : [Number(dateTime[4]), Number(dateTime[5]), Number(dateTime[6])];
  const validDate = year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= ICAL.Time.daysInMonth(month, year);
  if (!validDate || hour > 23 || minute > 59 || second > 60) {
    throw recurrenceError(RecurrenceErrorCode.InvalidDate, value, 'no such date or time');
  }
  if (dateTime === null) return { kind: 'date', year, month, day };
  return { kind: 'date-time', year, month, day, hour, minute, second: Math.min(second, 59), utc: dateTime[7] === 'Z' };
}

/** The value as an ical.js time: DATE, floating local time, or UTC. */
export function toIcalTime(value: DateValue): ICAL.Time {
  if (value.kind === 'date') return ICAL.Time.fromData({ year: value.year, month: value.month, day: value.day, isDate: true });
  const { year, month, day, hour, minute, second } = value;
  const zone = value.utc ? ICAL.Timezone.utcTimezone : ICAL.Timezone.localTimezone;
  return ICAL.Time.fromData({ year, month, day, hour, minute, second, isDate: false }, zone);
}

/** An ical.js time back as a value of the given kind (and UTC flag). */
export function fromIcalTime(time: ICAL.Time, like: DateValue): DateValue {
  const { year, month, day } = time;
  if (like.kind === 'date') return { kind: 'date', year, month, day };
  return { kind: 'date-time', year, month, day, hour: time.hour, minute: time.minute, second: time.second, utc: like.utc };
}

/** Orders values by their written fields (wall clock); equal keys mean the same written date and time. */
export function wallKey(value: DateValue): number {
  const [hour, minute, second] = value.kind === 'date' ? [0, 0, 0] : [value.hour, value.minute, value.second];
  return ((((value.year * 100 + value.month) * 100 + value.day) * 100 + hour) * 100 + minute) * 100 + second;
}

/** Orders by date only (the time of day dropped). */
export function dateKey(value: DateValue): number {
  return (value.year * 100 + value.month) * 100 + value.day;
}
