import { isValidTimeZone, isWeekday } from '@itsm/recurrence';
import type { Weekday } from '@itsm/recurrence';
import { NOTIFICATION_CATEGORIES } from '../notice';
import type { NotificationCategory } from '../notice';
import { NotificationErrorCode, notificationError } from '../notification.errors';
import { DIGESTIBLE_CATEGORIES } from './notification-preferences';
import type { CategoryChannels, DigestSchedule, NotificationPreferences, QuietHours } from './notification-preferences';

/** Preferences as a person submits them (GraphQL input): every value still to be checked. */
export interface PreferencesInput {
  readonly channels: readonly { readonly category: string; readonly email: boolean; readonly inApp: boolean }[];
  readonly quietHours: { readonly startMinute: number; readonly endMinute: number; readonly days?: readonly string[] | null; readonly timeZone?: string | null } | null;
  readonly urgentBreaksQuietHours?: boolean | null;
  readonly digests: readonly { readonly category: string; readonly frequency: string; readonly atMinute?: number | null }[];
}

const LAST_MINUTE = 1439;

function invalid(field: string, message: string): never {
  throw notificationError(NotificationErrorCode.InvalidPreference, `${field}: ${message}`, { field });
}

function category(value: string, field: string, seen: Set<string>): NotificationCategory {
  if (!(NOTIFICATION_CATEGORIES as readonly string[]).includes(value)) invalid(field, `unknown category "${value}"`);
  if (seen.has(value)) invalid(field, `category "${value}" is listed twice`);
  seen.add(value);
  return value as NotificationCategory;
}

function minuteOfDay(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > LAST_MINUTE) invalid(field, `a minute of the day is 0..${LAST_MINUTE}, got ${value}`);
  return value;
}

function quietHours(input: NonNullable<PreferencesInput['quietHours']>): QuietHours {
  const startMinute = minuteOfDay(input.startMinute, 'quietHours.startMinute');
  const endMinute = minuteOfDay(input.endMinute, 'quietHours.endMinute');
  if (startMinute === endMinute) invalid('quietHours.endMinute', 'a quiet window must not be empty (start equals end)');
  let days: Weekday[] | null = null;
  if (input.days !== undefined && input.days !== null) {
    if (input.days.length === 0) invalid('quietHours.days', 'name at least one day, or none for every day');
    const unknown = input.days.find((d) => !isWeekday(d));
    if (unknown !== undefined) invalid('quietHours.days', `unknown weekday "${unknown}" (mon..sun)`);
    days = [...new Set(input.days as Weekday[])];
  }
  const timeZone = input.timeZone ?? null;
  if (timeZone !== null && !isValidTimeZone(timeZone)) invalid('quietHours.timeZone', `"${timeZone}" is not an IANA time zone`);
  return { startMinute, endMinute, days, timeZone };
}

function digest(input: PreferencesInput['digests'][number], field: string): DigestSchedule {
  switch (input.frequency) {
    case 'off':
      return { frequency: 'off' };
    case 'hourly':
      return { frequency: 'hourly' };
    case 'daily':
      if (input.atMinute === undefined || input.atMinute === null) invalid(`${field}.atMinute`, 'a daily digest needs the local minute it goes out at');
      return { frequency: 'daily', atMinute: minuteOfDay(input.atMinute, `${field}.atMinute`) };
    default:
      return invalid(`${field}.frequency`, `unknown frequency "${input.frequency}" (off, hourly, daily)`);
  }
}

/** Checks a person's submitted preferences; throws NOTIFICATION.INVALID_PREFERENCE naming the field (`details.field`). */
export function parsePreferences(personId: string, input: PreferencesInput): NotificationPreferences {
  const channels: Partial<Record<NotificationCategory, CategoryChannels>> = {};
  const seenChannels = new Set<string>();
  input.channels.forEach((entry, i) => {
    channels[category(entry.category, `channels[${i}].category`, seenChannels)] = { email: entry.email, in_app: entry.inApp };
  });
  const digests: Partial<Record<NotificationCategory, DigestSchedule>> = {};
  const seenDigests = new Set<string>();
  input.digests.forEach((entry, i) => {
    const c = category(entry.category, `digests[${i}].category`, seenDigests);
    const schedule = digest(entry, `digests[${i}]`);
    if (schedule.frequency !== 'off' && !DIGESTIBLE_CATEGORIES.includes(c)) invalid(`digests[${i}].category`, `"${c}" notices cannot be gathered into a digest`);
    digests[c] = schedule;
  });
  return {
    personId,
    channels,
    quietHours: input.quietHours === null ? null : quietHours(input.quietHours),
    urgentBreaksQuietHours: input.urgentBreaksQuietHours ?? true,
    digests,
  };
}
