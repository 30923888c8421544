import { ChangeError, ChangeErrorCode } from './change.errors';
import { reasonText, missingPlans } from './change-input.rules';
import { stateChangedEvent, updatedEvent } from './change.events';
import type { ChangeEvent } from './change.events';
import type { Change, ChangeModel, ChangeState, CloseCode } from './change.model';
import { CLOSE_CODES } from './change.model';

/** What a command decided: the change's new state and the events saying why (none: nothing changes). */
export interface ChangeDecision {
  readonly change: Change;
  readonly events: readonly ChangeEvent[];
}

/** The lifecycle's moves, each a business verb. */
export type ChangeMove =
  | 'submit-for-assessment'
  | 'request-authorisation'
  | 'authorise'
  | 'reject'
  | 'start-implementation'
  | 'complete-implementation'
  | 'close'
  | 'cancel'
  | 'revert-to-new';

type Moves = Readonly<Record<ChangeMove, readonly ChangeState[]>>;

const CANCELABLE: readonly ChangeState[] = ['new', 'assess', 'authorize', 'scheduled', 'implement'];

/**
 * From which states each move is legal, per model. Normal: New -> Assess -> Authorize -> Scheduled ->
 * Implement -> Review -> Closed. Emergency skips Assess and may start implementing before it is
 * authorised (authorised later: flagged). Standard is created Scheduled (pre-approved).
 */
export const LEGAL_MOVES: Readonly<Record<ChangeModel, Moves>> = {
  normal: {
    'submit-for-assessment': ['new'],
    'request-authorisation': ['assess'],
    authorise: ['authorize'],
    reject: ['authorize'],
    'start-implementation': ['scheduled'],
    'complete-implementation': ['implement'],
    close: ['review'],
    cancel: CANCELABLE,
    'revert-to-new': ['assess', 'authorize', 'scheduled'],
  },
  emergency: {
    'submit-for-assessment': [],
    'request-authorisation': ['new'],
    authorise: ['authorize', 'implement', 'review'],
    reject: ['authorize'],
    'start-implementation': ['authorize', 'scheduled'],
    'complete-implementation': ['implement'],
    close: ['review'],
    cancel: CANCELABLE,
    'revert-to-new': ['authorize', 'scheduled'],
  },
  standard: {
    'submit-for-assessment': [],
    'request-authorisation': [],
    authorise: [],
    reject: [],
    'start-implementation': ['scheduled'],
    'complete-implementation': ['implement'],
    close: ['review'],
    cancel: CANCELABLE,
    'revert-to-new': [],
  },
};

export function isLegal(change: Pick<Change, 'model' | 'state'>, move: ChangeMove): boolean {
  return LEGAL_MOVES[change.model][move].includes(change.state);
}

function assertLegal(change: Change, move: ChangeMove): void {
  if (!isLegal(change, move)) {
    throw new ChangeError(ChangeErrorCode.IllegalTransition, `a ${change.model} change in state ${change.state} cannot ${move}`, { move, state: change.state, model: change.model });
  }
}

function moveTo(change: Change, move: ChangeMove, to: ChangeState, patch: Partial<Change>, reason: string | null, by: string, now: Date): ChangeDecision {
  assertLegal(change, move);
  const next: Change = { ...change, ...patch, state: to, updatedAt: now, version: change.version + 1 };
  return { change: next, events: [stateChangedEvent(next, change.state, reason, by, now)] };
}

/** Normal changes: New -> Assess. */
export function submitForAssessment(change: Change, by: string, now: Date): ChangeDecision {
  return moveTo(change, 'submit-for-assessment', 'assess', {}, null, by, now);
}

/** Normal (from Assess) and emergency (from New) -> Authorize: plans and a planned window first. */
export function requestAuthorisation(change: Change, by: string, now: Date): ChangeDecision {
  assertLegal(change, 'request-authorisation');
  const missing = missingPlans(change.plans);
  if (missing.length > 0) throw new ChangeError(ChangeErrorCode.InvalidInput, `plans: ${missing.join(', ')} required before authorisation`, { field: 'plans', missing: missing.join(',') });
  if (change.planned === null) throw new ChangeError(ChangeErrorCode.InvalidInput, 'planned: a planned window is required before authorisation', { field: 'planned' });
  return moveTo(change, 'request-authorisation', 'authorize', {}, null, by, now);
}

/**
 * The authorisation decision (approval engine, CAB): Authorize -> Scheduled; an emergency change
 * already implementing (or in review) unauthorised stays where it is and is flagged retrospectively
 * authorised. Authorising an already authorised emergency change changes nothing.
 */
export function authorise(change: Change, reason: string | null, by: string, now: Date): ChangeDecision {
  assertLegal(change, 'authorise');
  const why = reasonText('reason', reason, false);
  if (change.state === 'authorize') return moveTo(change, 'authorise', 'scheduled', { authorisedAt: now }, why, by, now);
  if (change.authorisedAt !== null) return { change, events: [] };
  const next: Change = { ...change, authorisedAt: now, retrospectivelyAuthorised: true, updatedAt: now, version: change.version + 1 };
  return { change: next, events: [updatedEvent(next, ['retrospectivelyAuthorised'], by, now)] };
}

/** The authorisation refused: Authorize -> New, with the reason. */
export function reject(change: Change, reason: string, by: string, now: Date): ChangeDecision {
  return moveTo(change, 'reject', 'new', {}, reasonText('reason', reason, true), by, now);
}

/** Scheduled -> Implement (an emergency change also from Authorize, before its authorisation); records the actual start. */
export function startImplementation(change: Change, by: string, now: Date): ChangeDecision {
  return moveTo(change, 'start-implementation', 'implement', { actualStart: now }, null, by, now);
}

/** Implement -> Review; records the actual end. */
export function completeImplementation(change: Change, by: string, now: Date): ChangeDecision {
  return moveTo(change, 'complete-implementation', 'review', { actualEnd: now }, null, by, now);
}

/** Review -> Closed with a close code; an emergency change must have been authorised (retrospectively) first. */
export function close(change: Change, closeCode: CloseCode, notes: string | null, by: string, now: Date): ChangeDecision {
  if (!CLOSE_CODES.includes(closeCode)) throw new ChangeError(ChangeErrorCode.InvalidInput, `closeCode: one of ${CLOSE_CODES.join(', ')}`, { field: 'closeCode' });
  assertLegal(change, 'close');
  if (change.authorisedAt === null) throw new ChangeError(ChangeErrorCode.IllegalTransition, 'an emergency change is closed only once authorised (retrospectively)', { move: 'close', state: change.state, model: change.model });
  const closeNotes = reasonText('closeNotes', notes, false);
  return moveTo(change, 'close', 'closed', { closeCode, closeNotes, actualEnd: change.actualEnd ?? now }, closeNotes, by, now);
}

/** Any state but Review, Closed (and Canceled) -> Canceled, with the reason. */
export function cancel(change: Change, reason: string, by: string, now: Date): ChangeDecision {
  return moveTo(change, 'cancel', 'canceled', {}, reasonText('reason', reason, true), by, now);
}

/**
 * Assess, Authorize or Scheduled -> New: the authorisation (if any) is void; the approval lane
 * cancels pending approvals on this state-changed event (previousState names where it was).
 */
export function revertToNew(change: Change, reason: string | null, by: string, now: Date): ChangeDecision {
  return moveTo(change, 'revert-to-new', 'new', { authorisedAt: null }, reasonText('reason', reason, false), by, now);
}
