import { ChangeError, ChangeErrorCode } from './change.errors';
import { LIMITS, text } from './change-input.rules';
import { changeFacts } from './change.events';
import type { ChangeDecision } from './change-lifecycle';
import type { Change, CloseCode } from './change.model';
import { CLOSE_CODES } from './change.model';

/**
 * The post-implementation review: the outcome and the lessons, recorded in Review (before closing)
 * or after Closed; a later review replaces the earlier one (both stay in the audit chain).
 */
export function recordReview(change: Change, outcome: CloseCode, lessons: string, by: string, now: Date): ChangeDecision {
  if (change.state !== 'review' && change.state !== 'closed') {
    throw new ChangeError(ChangeErrorCode.IllegalTransition, `a change in state ${change.state} is not reviewed yet`, { move: 'review', state: change.state, model: change.model });
  }
  if (!CLOSE_CODES.includes(outcome)) throw new ChangeError(ChangeErrorCode.InvalidInput, `outcome: one of ${CLOSE_CODES.join(', ')}`, { field: 'outcome' });
  const review = { outcome, lessons: text('lessons', lessons, LIMITS.description, false), by, at: now };
  const next: Change = { ...change, review, updatedAt: now, version: change.version + 1 };
  return { change: next, events: [{ type: 'itsm.change.reviewed.v1', data: { ...changeFacts(next, by, now), outcome, lessons: review.lessons } }] };
}
