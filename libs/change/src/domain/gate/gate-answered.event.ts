import { changeFacts } from '../change.events';
import type { ChangeEvent } from '../change.events';
import type { ChangeDecision } from '../change-lifecycle';
import type { Change } from '../change.model';

/** A gate answer about a change, as the change records it. */
export interface GateAnswerFacts {
  readonly ciId: string;
  readonly pipeline: string;
  readonly allowed: boolean;
  /** The answer's words. */
  readonly reason: string;
  /** `pipeline:<token id>`. */
  readonly by: string;
  readonly at: Date;
}

/** The change's `itsm.change.gate-answered.v1` (its whole state, unchanged, and the answer): appended to its stream and audit chain. */
export function gateAnsweredEvent(change: Change, answer: GateAnswerFacts): ChangeEvent {
  return {
    type: 'itsm.change.gate-answered.v1',
    data: { ...changeFacts(change, answer.by, answer.at), ciId: answer.ciId, pipeline: answer.pipeline, allowed: answer.allowed, reason: answer.reason },
  };
}

/**
 * A gate answer recorded on a change: its state is unchanged (one more write: version + 1) and the
 * event goes to its stream and audit chain.
 */
export function recordGateAnswer(change: Change, answer: GateAnswerFacts): ChangeDecision {
  const next: Change = { ...change, version: change.version + 1 };
  return { change: next, events: [gateAnsweredEvent(next, answer)] };
}

/** What the gate needs of a change: authorised once its authorisation is recorded (standard changes at request: pre-approved). */
export function isAuthorised(change: Pick<Change, 'authorisedAt'>): boolean {
  return change.authorisedAt !== null;
}
