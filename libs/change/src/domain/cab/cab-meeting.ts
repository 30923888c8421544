import { ChangeError, ChangeErrorCode } from '../change.errors';
import { CHANGE_MODELS } from '../change.model';
import type { ChangeModel } from '../change.model';

/**
 * A Change Advisory Board meeting series: when it meets (an RFC 5545 recurrence of a local wall
 * time in an IANA zone, for a duration), who sits on it (CAB groups and people, plus delegates who
 * may stand in for a member), which changes its agenda takes, and what was decided per occurrence.
 */

export const CAB_DECISIONS = ['authorise', 'reject', 'defer'] as const;
export type CabDecision = (typeof CAB_DECISIONS)[number];

/** When the meeting recurs: the same shape as a maintenance window's recurrence. */
export interface CabSchedule {
  /** RFC 5545 RRULE value, e.g. `FREQ=WEEKLY;BYDAY=TU`. */
  readonly rrule: string;
  /** The first meeting's local wall time in `timeZone`, `YYYY-MM-DDTHH:MM`. */
  readonly firstStart: string;
  readonly durationMinutes: number;
  readonly timeZone: string;
}

/** A delegate may decide for the member they stand in for. */
export interface CabDelegate {
  readonly delegateId: string;
  readonly forMemberId: string;
}

export interface CabItemDecision {
  readonly changeId: string;
  readonly number: string;
  readonly decision: CabDecision;
  readonly reason: string | null;
  readonly by: string;
  /** The member a delegate decided for, else null. */
  readonly onBehalfOf: string | null;
  readonly at: Date;
}

export interface CabMinutesItem {
  readonly changeId: string;
  readonly number: string;
  readonly decision: CabDecision | null;
  readonly reason: string | null;
}

export interface CabMinutes {
  readonly attendeeIds: readonly string[];
  readonly items: readonly CabMinutesItem[];
  readonly by: string;
  readonly publishedAt: Date;
}

/** A change put on one occurrence's agenda by hand: flagged by a change manager, or deferred from the one before. */
export interface CabAgendaFlag {
  readonly changeId: string;
  readonly occurrenceStart: Date;
  readonly by: string;
  readonly reason: string | null;
}

/** What happened at one occurrence (only occurrences with decisions or minutes are kept). */
export interface CabOccurrenceRecord {
  readonly start: Date;
  readonly decisions: readonly CabItemDecision[];
  readonly minutes: CabMinutes | null;
}

export interface CabMeetingSettings {
  readonly name: string;
  readonly schedule: CabSchedule;
  /** Directory groups of kind `cab`: their active members sit on the board. */
  readonly memberGroupIds: readonly string[];
  readonly memberIds: readonly string[];
  readonly delegates: readonly CabDelegate[];
  /** The change models its agenda takes (e.g. normal for the weekly CAB, emergency for the ECAB). */
  readonly models: readonly ChangeModel[];
  /** Minutes per agenda item. */
  readonly slotMinutes: number;
  readonly active: boolean;
}

export interface CabMeeting extends CabMeetingSettings {
  readonly id: string;
  readonly flags: readonly CabAgendaFlag[];
  readonly occurrences: readonly CabOccurrenceRecord[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;
const MAX_MEMBERS = 200;

export function invalidCab(field: string, message: string): ChangeError {
  return new ChangeError(ChangeErrorCode.InvalidInput, message, { field });
}

function ids(values: readonly string[], field: string): string[] {
  if (!Array.isArray(values) || values.length > MAX_MEMBERS) throw invalidCab(field, `${field} must list at most ${MAX_MEMBERS} ids`);
  const bad = values.find((v) => typeof v !== 'string' || !ID.test(v));
  if (bad !== undefined) throw invalidCab(field, `${field} has an invalid id "${String(bad)}"`);
  return [...new Set(values)];
}

/**
 * Checks a meeting's settings apart from its schedule (compiled by cab-schedule.ts) and the
 * directory look-ups (the handler's): a name, at least one member or CAB group, delegates standing
 * in for someone other than themselves, known models, a slot of 1 to 120 minutes. CHANGE.INVALID_INPUT
 * naming the field.
 */
export function checkCabSettings(input: CabMeetingSettings): CabMeetingSettings {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length === 0 || name.length > 200) throw invalidCab('name', 'name must be 1 to 200 characters');
  const memberGroupIds = ids(input.memberGroupIds, 'memberGroupIds');
  const memberIds = ids(input.memberIds, 'memberIds');
  if (memberGroupIds.length + memberIds.length === 0) throw invalidCab('memberIds', 'a CAB needs a member or a CAB group');
  const delegates = (Array.isArray(input.delegates) ? input.delegates : []).map((d, i) => {
    ids([d.delegateId, d.forMemberId], `delegates[${i}]`);
    if (d.delegateId === d.forMemberId) throw invalidCab(`delegates[${i}]`, 'a delegate cannot stand in for themselves');
    return { delegateId: d.delegateId, forMemberId: d.forMemberId };
  });
  const models = [...new Set(input.models)];
  if (models.length === 0 || models.some((m) => !(CHANGE_MODELS as readonly string[]).includes(m))) {
    throw invalidCab('models', `models must name one or more of ${CHANGE_MODELS.join(', ')}`);
  }
  if (!Number.isInteger(input.slotMinutes) || input.slotMinutes < 1 || input.slotMinutes > 120) throw invalidCab('slotMinutes', 'slotMinutes must be a whole number from 1 to 120');
  if (typeof input.active !== 'boolean') throw invalidCab('active', 'active must be true or false');
  return { name, schedule: input.schedule, memberGroupIds, memberIds, delegates, models, slotMinutes: input.slotMinutes, active: input.active };
}

/** The record of one occurrence, or an empty one. */
export function occurrenceRecord(meeting: Pick<CabMeeting, 'occurrences'>, start: Date): CabOccurrenceRecord {
  return meeting.occurrences.find((o) => o.start.getTime() === start.getTime()) ?? { start, decisions: [], minutes: null };
}

/** The meeting with one occurrence's record replaced (kept in start order). */
export function withOccurrence(meeting: CabMeeting, record: CabOccurrenceRecord): CabMeeting['occurrences'] {
  const others = meeting.occurrences.filter((o) => o.start.getTime() !== record.start.getTime());
  return [...others, record].sort((a, b) => a.start.getTime() - b.start.getTime());
}
