import type { changeTopic, PayloadOf } from '@itsm/contracts';
import { ChangeError, ChangeErrorCode } from '../change.errors';
import type { AgendaItem, CabOccurrence } from './cab-agenda';
import type { CabDecision, CabDelegate, CabMeeting, CabMinutesItem } from './cab-meeting';
import { invalidCab, occurrenceRecord, withOccurrence } from './cab-meeting';

type ChangeTopic = typeof changeTopic;
type DecisionRecorded = 'itsm.change.cab-decision-recorded.v1';
type MinutesPublished = 'itsm.change.cab-minutes-published.v1';

/** A CAB meeting's events, typed by the contract (on the meeting's own stream). */
export type CabMeetingEvent =
  | { readonly type: DecisionRecorded; readonly data: PayloadOf<ChangeTopic, DecisionRecorded> }
  | { readonly type: MinutesPublished; readonly data: PayloadOf<ChangeTopic, MinutesPublished> };

/** Who sits on the board now: members (its people and its CAB groups' active members) and delegates. */
export interface CabRoster {
  readonly memberIds: ReadonlySet<string>;
  readonly delegates: readonly CabDelegate[];
}

export interface CabDecisionInput {
  readonly changeId: string;
  readonly decision: CabDecision;
  readonly reason: string | null;
  readonly by: string;
}

export interface CabDecisionOutcome {
  readonly meeting: CabMeeting;
  readonly events: readonly CabMeetingEvent[];
  readonly item: AgendaItem;
  readonly onBehalfOf: string | null;
}

/** Whom `personId` decides as: themselves (a member), the member they stand in for (a delegate), else CHANGE.NOT_ENTITLED. */
export function decidingAs(roster: CabRoster, personId: string): string | null {
  if (roster.memberIds.has(personId)) return null;
  const delegation = roster.delegates.find((d) => d.delegateId === personId && roster.memberIds.has(d.forMemberId));
  if (delegation === undefined) throw new ChangeError(ChangeErrorCode.NotEntitled, `${personId} is neither a member nor a delegate of this CAB`, { personId });
  return delegation.forMemberId;
}

function reasonOf(input: CabDecisionInput): string | null {
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason.length > 2_000) throw invalidCab('reason', 'reason must be at most 2000 characters');
  if (reason === '' && input.decision !== 'authorise') throw invalidCab('reason', `a ${input.decision} decision needs a reason`);
  return reason === '' ? null : reason;
}

function assertOpen(meeting: CabMeeting, occurrence: CabOccurrence): void {
  if (occurrenceRecord(meeting, occurrence.start).minutes !== null) {
    throw new ChangeError(ChangeErrorCode.IllegalTransition, `the minutes of ${occurrence.start.toISOString()} are published: no more decisions`, { occurrenceStart: occurrence.start.toISOString() });
  }
}

/**
 * Records one decision on an item of one occurrence's agenda: by a member or a delegate (standing in
 * for a member), on a change the agenda lists and that has no decision yet, with a reason unless it
 * authorises. A deferral flags the change for the next occurrence (`next`). Throws CHANGE.NOT_ENTITLED,
 * CHANGE.NOT_ON_AGENDA, CHANGE.ILLEGAL_TRANSITION (decided already, minutes out, no next
 * occurrence), CHANGE.INVALID_INPUT (reason).
 */
export function recordCabDecision(
  meeting: CabMeeting,
  occurrence: CabOccurrence,
  agenda: readonly AgendaItem[],
  roster: CabRoster,
  input: CabDecisionInput,
  next: CabOccurrence | null,
  now: Date,
): CabDecisionOutcome {
  const onBehalfOf = decidingAs(roster, input.by);
  const item = agenda.find((i) => i.changeId === input.changeId);
  if (item === undefined) {
    throw new ChangeError(ChangeErrorCode.NotOnAgenda, `change ${input.changeId} is not on the agenda of ${occurrence.start.toISOString()}`, { changeId: input.changeId, occurrenceStart: occurrence.start.toISOString() });
  }
  assertOpen(meeting, occurrence);
  const reason = reasonOf(input);
  const record = occurrenceRecord(meeting, occurrence.start);
  if (record.decisions.some((d) => d.changeId === input.changeId)) {
    throw new ChangeError(ChangeErrorCode.IllegalTransition, `${item.number} is decided already at this meeting`, { changeId: input.changeId });
  }
  if (input.decision === 'defer' && next === null) throw new ChangeError(ChangeErrorCode.IllegalTransition, 'the series has no later meeting to defer to', { changeId: input.changeId });
  const decision = { changeId: input.changeId, number: item.number, decision: input.decision, reason, by: input.by, onBehalfOf, at: now };
  const flags = input.decision === 'defer' && next !== null ? [...meeting.flags, { changeId: input.changeId, occurrenceStart: next.start, by: input.by, reason }] : meeting.flags;
  const updated: CabMeeting = {
    ...meeting,
    flags,
    occurrences: withOccurrence(meeting, { ...record, decisions: [...record.decisions, decision] }),
    updatedAt: now,
    version: meeting.version + 1,
  };
  const data = { meetingId: meeting.id, occurrenceStart: occurrence.start.toISOString(), changeId: input.changeId, decision: input.decision, reason, by: input.by, at: now.toISOString() };
  return { meeting: updated, events: [{ type: 'itsm.change.cab-decision-recorded.v1', data }], item: { ...item, decision }, onBehalfOf };
}

/**
 * Publishes an occurrence's minutes once, after the meeting ended: its attendees (members or
 * delegates of the board) and every agenda item with its decision (null: not decided). Throws
 * CHANGE.ILLEGAL_TRANSITION (before the end, published already), CHANGE.INVALID_INPUT (an attendee
 * not on the board), CHANGE.NOT_ENTITLED (a publisher not on the board, unless `byManager`).
 */
export function publishCabMinutes(
  meeting: CabMeeting,
  occurrence: CabOccurrence,
  agenda: readonly AgendaItem[],
  roster: CabRoster,
  input: { readonly attendeeIds: readonly string[]; readonly by: string; readonly byManager: boolean },
  now: Date,
): { meeting: CabMeeting; events: readonly CabMeetingEvent[] } {
  if (!input.byManager) decidingAs(roster, input.by);
  if (now.getTime() < occurrence.end.getTime()) {
    throw new ChangeError(ChangeErrorCode.IllegalTransition, `the meeting of ${occurrence.start.toISOString()} ends at ${occurrence.end.toISOString()}: minutes come after it`, { occurrenceStart: occurrence.start.toISOString() });
  }
  assertOpen(meeting, occurrence);
  const attendeeIds = [...new Set(input.attendeeIds)];
  const delegates = new Set(roster.delegates.map((d) => d.delegateId));
  const stranger = attendeeIds.find((id) => !roster.memberIds.has(id) && !delegates.has(id));
  if (stranger !== undefined) throw invalidCab('attendeeIds', `${stranger} is neither a member nor a delegate of this CAB`);
  if (agenda.length > 500 || attendeeIds.length > 500) throw new ChangeError(ChangeErrorCode.TooMany, 'minutes list at most 500 items and 500 attendees');
  const items: CabMinutesItem[] = agenda.map((i) => ({ changeId: i.changeId, number: i.number, decision: i.decision?.decision ?? null, reason: i.decision?.reason ?? null }));
  const record = occurrenceRecord(meeting, occurrence.start);
  const updated: CabMeeting = {
    ...meeting,
    occurrences: withOccurrence(meeting, { ...record, minutes: { attendeeIds, items, by: input.by, publishedAt: now } }),
    updatedAt: now,
    version: meeting.version + 1,
  };
  const data = { meetingId: meeting.id, name: meeting.name, occurrenceStart: occurrence.start.toISOString(), attendeeIds, items, by: input.by, at: now.toISOString() };
  return { meeting: updated, events: [{ type: 'itsm.change.cab-minutes-published.v1', data }] };
}

/** Puts a change on one occurrence's agenda by hand (a change manager), once; refused after the minutes. */
export function flagForCab(meeting: CabMeeting, occurrence: CabOccurrence, changeId: string, by: string, reason: string | null, now: Date): CabMeeting {
  assertOpen(meeting, occurrence);
  const flagged = meeting.flags.some((f) => f.changeId === changeId && f.occurrenceStart.getTime() === occurrence.start.getTime());
  if (flagged) return meeting;
  return { ...meeting, flags: [...meeting.flags, { changeId, occurrenceStart: occurrence.start, by, reason }], updatedAt: now, version: meeting.version + 1 };
}
