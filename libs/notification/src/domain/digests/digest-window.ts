import { MINUTE_MS, offsetAt, wallToUtc } from '@itsm/recurrence';
import type { PersonChannel } from '../notice';
import type { DigestSchedule } from '../preferences';
import { nextLocal } from '../preferences';

/** What gathered a digest: a person's hourly or daily digest of a category, or a storm on one ticket. */
export const DIGEST_KINDS = ['hourly', 'daily', 'storm'] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

/** The window a notice joins: `window` names it (with person, channel and kind), `at` is when it goes out. */
export interface DigestWindow {
  readonly kind: DigestKind;
  readonly window: string;
  readonly at: number;
}

const HOUR_MS = 60 * MINUTE_MS;
const QUARTER_MS = 15 * MINUTE_MS;
/** Quarter hours looked at for the next local full hour: an hour and a DST change's worth. */
const QUARTERS_AHEAD = 8;

/**
 * The first instant after `now` at which the local clock in `zone` shows a full hour. Every offset in
 * use is a whole number of quarter hours (+05:30 Kolkata, +05:45 Kathmandu, +09:30/+10:30 Adelaide),
 * so the candidates are the next quarter hours of UTC; an hour repeated when the clocks go back has
 * its own full hour. An offset off the quarter hours (a historic local mean time) takes the next
 * full hour on the local wall clock.
 */
export function nextLocalHour(zone: string, now: number): number {
  const first = (Math.floor(now / QUARTER_MS) + 1) * QUARTER_MS;
  for (let at = first; at < first + QUARTERS_AHEAD * QUARTER_MS; at += QUARTER_MS) {
    if ((((at + offsetAt(zone, at)) % HOUR_MS) + HOUR_MS) % HOUR_MS === 0) return at;
  }
  return wallToUtc(zone, (Math.floor((now + offsetAt(zone, now)) / HOUR_MS) + 1) * HOUR_MS);
}

/**
 * The scheduled digest `now` falls in: hourly ones go out at the person's next local full hour in
 * `zone` (10:30 UTC in Kolkata, 10:15 UTC in Kathmandu), daily ones at the next local `atMinute`.
 * Null when the schedule is off.
 */
export function scheduledDigestWindow(schedule: DigestSchedule, zone: string, now: number): DigestWindow | null {
  switch (schedule.frequency) {
    case 'off':
      return null;
    case 'hourly': {
      const at = nextLocalHour(zone, now);
      return { kind: 'hourly', window: String(at), at };
    }
    case 'daily': {
      const at = nextLocal(zone, now, schedule.atMinute);
      return { kind: 'daily', window: `${zone}@${at}`, at };
    }
  }
}

/**
 * Storm protection and rate limits (fixed windows from the epoch, the same on every replica):
 * - a storm: more than `storm.threshold` notices for one (person, channel, ticket root) within one
 *   `storm.windowMs` window: the first `threshold` go out as they come, the rest coalesce into one
 *   message at the window's end (with the count and the list);
 * - a rate limit: at most `rate[channel].limit` notices per (person, channel) per `rate[channel].windowMs`;
 *   the rest wait for the next window (never dropped).
 */
export interface DeliveryLimits {
  readonly storm: { readonly threshold: number; readonly windowMs: number };
  readonly rate: Readonly<Record<PersonChannel, { readonly limit: number; readonly windowMs: number }>>;
}

/** 5 per ticket root in 10 minutes before a storm coalesces; 30 mails and 120 inbox entries per person in 10 minutes. */
export const DEFAULT_DELIVERY_LIMITS: DeliveryLimits = {
  storm: { threshold: 5, windowMs: 10 * MINUTE_MS },
  rate: { email: { limit: 30, windowMs: 10 * MINUTE_MS }, in_app: { limit: 120, windowMs: 10 * MINUTE_MS } },
};

/** The fixed window of `windowMs` that `now` falls in. */
export function fixedWindow(windowMs: number, now: number): { readonly start: number; readonly end: number } {
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, end: start + windowMs };
}

/** The storm digest of ticket root `rootId` in the storm window `now` falls in. */
export function stormDigestWindow(limits: DeliveryLimits, rootId: string, now: number): DigestWindow {
  const { start, end } = fixedWindow(limits.storm.windowMs, now);
  return { kind: 'storm', window: `${rootId}@${start}`, at: end };
}
