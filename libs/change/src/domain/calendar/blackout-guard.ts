import { ChangeError, ChangeErrorCode } from '../change.errors';
import { updatedEvent } from '../change.events';
import type { ChangeDecision } from '../change-lifecycle';
import type { Change, ChangeState } from '../change.model';
import type { ChangeCalendar } from './change-calendar';

/** The states in which a change is scheduled (and so may not sit in a blackout). */
const SCHEDULED_STATES: readonly ChangeState[] = ['scheduled', 'implement'];

/** Whether the write moves the change's schedule: a planned window, services or a state it is scheduled in. */
function movesSchedule(previous: Change | null, next: Change): boolean {
  if (previous === null) return true;
  return (
    previous.state !== next.state ||
    previous.planned?.start.getTime() !== next.planned?.start.getTime() ||
    previous.planned?.end.getTime() !== next.planned?.end.getTime() ||
    previous.serviceIds.join('\u0000') !== next.serviceIds.join('\u0000')
  );
}

/**
 * Refuses (CHANGE.BLACKOUT, naming the blackout and its reason) a write that leaves a change
 * scheduled (Scheduled or Implement) with a planned window inside a blackout that is global or
 * freezes one of its services, unless it is an emergency change with a recorded override reason.
 * Earlier states may plan into a blackout (the conflicts show it); they are refused on scheduling.
 */
export function assertOutsideBlackouts(previous: Change | null, next: Change, calendar: ChangeCalendar): void {
  if (next.planned === null || !SCHEDULED_STATES.includes(next.state) || !movesSchedule(previous, next)) return;
  if (next.model === 'emergency' && next.blackoutOverrideReason !== null) return;
  const [blackout] = calendar.blackoutsFor(next.serviceIds, { start: next.planned.start.getTime(), end: next.planned.end.getTime() });
  if (blackout === undefined) return;
  throw new ChangeError(
    ChangeErrorCode.Blackout,
    `${next.number} cannot be scheduled inside the blackout "${blackout.name}" (${blackout.reason})${next.model === 'emergency' ? ': record an override reason first' : ''}`,
    { changeId: next.id, blackoutId: blackout.id, blackoutName: blackout.name, reason: blackout.reason },
  );
}

/** An emergency change's reason to be scheduled inside a blackout, recorded on it (an updated event). */
export function overrideBlackout(change: Change, reason: string, by: string, now: Date): ChangeDecision {
  if (change.model !== 'emergency') {
    throw new ChangeError(ChangeErrorCode.IllegalTransition, 'only emergency changes may override a blackout', { move: 'override-blackout', state: change.state, model: change.model });
  }
  if (change.state === 'review' || change.state === 'closed' || change.state === 'canceled') {
    throw new ChangeError(ChangeErrorCode.IllegalTransition, `a change in state ${change.state} has no schedule to override`, { move: 'override-blackout', state: change.state, model: change.model });
  }
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text === '' || text.length > 2000) throw new ChangeError(ChangeErrorCode.InvalidInput, 'reason: a blackout override needs a reason (at most 2000 characters)', { field: 'reason' });
  if (change.blackoutOverrideReason === text) return { change, events: [] };
  const updated: Change = { ...change, blackoutOverrideReason: text, updatedAt: now, version: change.version + 1 };
  return { change: updated, events: [updatedEvent(updated, ['blackoutOverrideReason'], by, now)] };
}
