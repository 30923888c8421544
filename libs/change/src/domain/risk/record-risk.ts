import { ChangeError, ChangeErrorCode } from '../change.errors';
import { changeFacts } from '../change.events';
import type { ChangeDecision } from '../change-lifecycle';
import type { Change, RiskExplanation } from '../change.model';

/**
 * Records an assessment on the change: its risk and what decided it, with
 * itsm.change.risk-assessed.v1 (the change's facts after it). Closed and canceled changes are not
 * assessed any more (CHANGE.ILLEGAL_TRANSITION).
 */
export function recordRiskAssessment(change: Change, risk: RiskExplanation, by: string, now: Date): ChangeDecision {
  if (change.state === 'closed' || change.state === 'canceled') {
    throw new ChangeError(ChangeErrorCode.IllegalTransition, `a ${change.state} change is not assessed any more`, { changeId: change.id, state: change.state });
  }
  const next: Change = { ...change, risk: { ...risk }, updatedAt: now, version: change.version + 1 };
  return { change: next, events: [{ type: 'itsm.change.risk-assessed.v1', data: changeFacts(next, by, now) }] };
}
