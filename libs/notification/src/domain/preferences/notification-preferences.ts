import type { Weekday } from '@itsm/recurrence';
import { NOTIFICATION_CATEGORIES } from '../notice';
import type { NotificationCategory, PersonChannel } from '../notice';

/** How often a category's notices are gathered into one message instead of going out one by one. */
export const DIGEST_FREQUENCIES = ['off', 'hourly', 'daily'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** A category's digest: off, every hour (at the top of the hour), or daily at a local minute of the day. */
export type DigestSchedule =
  | { readonly frequency: 'off' }
  | { readonly frequency: 'hourly' }
  | { readonly frequency: 'daily'; readonly atMinute: number };

/** Which person channels a category reaches (both on unless the person switched one off). */
export interface CategoryChannels {
  readonly email: boolean;
  readonly in_app: boolean;
}

/**
 * When a person wants no non-urgent notices: from `startMinute` to `endMinute` (local minutes of the
 * day, 0..1439; a start after the end wraps past midnight), on the days the window starts (`days`;
 * null: every day), in `timeZone` (null: the person's directory zone, else the platform default).
 */
export interface QuietHours {
  readonly startMinute: number;
  readonly endMinute: number;
  readonly days: readonly Weekday[] | null;
  readonly timeZone: string | null;
}

/** One person's notification preferences; a category missing from a map has the default. */
export interface NotificationPreferences {
  readonly personId: string;
  readonly channels: Readonly<Partial<Record<NotificationCategory, CategoryChannels>>>;
  readonly quietHours: QuietHours | null;
  /** Urgent notices (a P1, an on-call page) go out during quiet hours (default true). */
  readonly urgentBreaksQuietHours: boolean;
  readonly digests: Readonly<Partial<Record<NotificationCategory, DigestSchedule>>>;
}

/** Categories a person may gather into a digest: all but the digest itself and on-call pages. */
export const DIGESTIBLE_CATEGORIES: readonly NotificationCategory[] = NOTIFICATION_CATEGORIES.filter((c) => c !== 'digest' && c !== 'on_call');

const ALL_ON: CategoryChannels = { email: true, in_app: true };
const DIGEST_OFF: DigestSchedule = { frequency: 'off' };

/** What a person who never saved preferences has: every channel on, no quiet hours, no digests. */
export function defaultPreferences(personId: string): NotificationPreferences {
  return { personId, channels: {}, quietHours: null, urgentBreaksQuietHours: true, digests: {} };
}

export function channelsFor(preferences: NotificationPreferences, category: NotificationCategory): CategoryChannels {
  return preferences.channels[category] ?? ALL_ON;
}

export function channelEnabled(preferences: NotificationPreferences, category: NotificationCategory, channel: PersonChannel): boolean {
  return channelsFor(preferences, category)[channel];
}

export function digestFor(preferences: NotificationPreferences, category: NotificationCategory): DigestSchedule {
  return preferences.digests[category] ?? DIGEST_OFF;
}
