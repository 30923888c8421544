import type { Change, ChangeDecision } from '../domain';

/**
 * What the context adds to every decision on a change before it is written (same write): the
 * approval rules open an approval when a change enters Authorize and cancel a pending one when it
 * leaves the approval's reach. The runner applies it to every command.
 */
export abstract class ChangeDecisionHook {
  abstract after(before: Change, decision: ChangeDecision, now: Date): Promise<ChangeDecision>;
  /** A change just created (a standard change is created pre-approved, straight to Scheduled). */
  abstract created(decision: ChangeDecision, now: Date): Promise<ChangeDecision>;
}

/** No hook: decisions are written as decided (unit tests of the lifecycle alone). */
export class NoDecisionHook extends ChangeDecisionHook {
  async after(_before: Change, decision: ChangeDecision): Promise<ChangeDecision> {
    return decision;
  }

  async created(decision: ChangeDecision): Promise<ChangeDecision> {
    return decision;
  }
}
