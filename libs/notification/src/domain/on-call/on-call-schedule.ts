import { daysFromCivil, isValidTimeZone, localDayOf, localToUtc, parseIsoDate } from '@itsm/recurrence';
import { NotificationErrorCode, notificationError } from '../notification.errors';

/**
 * One layer of a schedule: `members` take turns of `lengthDays` civil days in the schedule's zone,
 * each turn handed off at `handoffMinute` (minutes after local midnight) from `startDate` on.
 * A schedule's first rotation is the primary, a second one the secondary (both are on call).
 */
export interface Rotation {
  readonly handoffMinute: number;
  /** The local date (YYYY-MM-DD) of the first hand-off, to `members[0]`. */
  readonly startDate: string;
  readonly lengthDays: number;
  readonly members: readonly string[];
}

/** Someone else on call from `from` to `to` (epoch ms, `to` excluded): a holiday cover, a swap. Replaces the primary only. */
export interface OnCallOverride {
  readonly from: number;
  readonly to: number;
  readonly personId: string;
  readonly reason: string;
}

/** Who is on call for a group: rotations in the group's zone, overrides on top. */
export interface OnCallSchedule {
  readonly id: string;
  readonly groupId: string;
  readonly zone: string;
  readonly rotations: readonly Rotation[];
  /** Applied in order: where two cover the same instant, the later one in the list wins. */
  readonly overrides: readonly OnCallOverride[];
}

export const MAX_ROTATIONS = 2;
export const MAX_ROTATION_MEMBERS = 100;
export const MAX_OVERRIDES = 500;
const MAX_LENGTH_DAYS = 366;
const MAX_REASON = 500;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;

/** The member of a rotation on call at `at`, or null before its start. O(1): civil-day arithmetic, DST-correct hand-offs. */
export function rotationMemberAt(rotation: Rotation, zone: string, at: number): string | null {
  const startDay = parseIsoDate(rotation.startDate);
  if (startDay === null) return null;
  const { y, m, d } = localDayOf(zone, at);
  const handoffToday = localToUtc(zone, y, m, d, rotation.handoffMinute);
  // Before today's hand-off, yesterday's shift is still on.
  const shiftDay = daysFromCivil(y, m, d) - (at < handoffToday ? 1 : 0);
  if (shiftDay < startDay) return null;
  const turn = Math.floor((shiftDay - startDay) / rotation.lengthDays);
  return rotation.members[turn % rotation.members.length] ?? null;
}

/** Who is on call at `at`, primary first, without repeats; empty when nobody (no rotation started, no override). */
export function onCallAt(schedule: OnCallSchedule, at: number): string[] {
  const people = schedule.rotations.map((rotation) => rotationMemberAt(rotation, schedule.zone, at));
  let override: OnCallOverride | undefined;
  for (const o of schedule.overrides) if (o.from <= at && at < o.to) override = o;
  if (override !== undefined) people[0] = override.personId;
  return [...new Set(people.filter((p): p is string => p !== null))];
}

/** Refuses a schedule that cannot run (NOTIFICATION.INVALID_SCHEDULE with `details.field`). */
export function validateOnCallSchedule(schedule: OnCallSchedule): OnCallSchedule {
  const invalid = (field: string, message: string) => notificationError(NotificationErrorCode.InvalidSchedule, message, { field, scheduleId: schedule.id });
  if (!ID.test(schedule.id)) throw invalid('id', 'A schedule id is 1-64 letters, digits or ._:@-');
  if (!ID.test(schedule.groupId)) throw invalid('groupId', 'A schedule names the group it is for');
  if (!isValidTimeZone(schedule.zone)) throw invalid('zone', `Unknown time zone ${schedule.zone}`);
  if (schedule.rotations.length < 1 || schedule.rotations.length > MAX_ROTATIONS) throw invalid('rotations', `A schedule has 1 to ${MAX_ROTATIONS} rotations (primary, secondary)`);
  schedule.rotations.forEach((r, i) => {
    const field = `rotations.${i}`;
    if (!Number.isInteger(r.handoffMinute) || r.handoffMinute < 0 || r.handoffMinute >= 1440) throw invalid(`${field}.handoffMinute`, 'A hand-off is a minute of the day, 0 to 1439');
    if (parseIsoDate(r.startDate) === null) throw invalid(`${field}.startDate`, `Not a date: ${r.startDate}`);
    if (!Number.isInteger(r.lengthDays) || r.lengthDays < 1 || r.lengthDays > MAX_LENGTH_DAYS) throw invalid(`${field}.lengthDays`, `A turn lasts 1 to ${MAX_LENGTH_DAYS} days`);
    if (r.members.length < 1 || r.members.length > MAX_ROTATION_MEMBERS) throw invalid(`${field}.members`, `A rotation has 1 to ${MAX_ROTATION_MEMBERS} members`);
    if (r.members.some((p) => !ID.test(p))) throw invalid(`${field}.members`, 'A member is a person id');
    if (new Set(r.members).size !== r.members.length) throw invalid(`${field}.members`, 'A person takes one place in a rotation');
  });
  if (schedule.overrides.length > MAX_OVERRIDES) throw invalid('overrides', `At most ${MAX_OVERRIDES} overrides; remove past ones`);
  schedule.overrides.forEach((o, i) => {
    const field = `overrides.${i}`;
    if (!Number.isSafeInteger(o.from) || !Number.isSafeInteger(o.to) || o.from >= o.to) throw invalid(field, 'An override ends after it starts');
    if (!ID.test(o.personId)) throw invalid(`${field}.personId`, 'An override names the person on call');
    if (o.reason.trim().length === 0 || o.reason.length > MAX_REASON) throw invalid(`${field}.reason`, `An override says why, in 1 to ${MAX_REASON} characters`);
  });
  return schedule;
}
