import type { RiskAnswers, RiskQuestionnaire, RiskRule } from '../../domain/risk';
import type { FailedChange } from '../../domain/risk';

/** Admin risk rules (no events: configuration). Writes check the version read (else CHANGE.CONFLICT). */
export abstract class RiskRuleStore {
  /** Every rule, by name. */
  abstract all(): Promise<readonly RiskRule[]>;
  abstract byId(id: string): Promise<RiskRule | undefined>;
  abstract create(rule: RiskRule): Promise<void>;
  abstract replace(rule: RiskRule, expectedVersion: number): Promise<void>;
  /** False when there was no such rule. */
  abstract delete(id: string): Promise<boolean>;
}

/** The platform's one risk questionnaire. */
export abstract class RiskQuestionnaireStore {
  abstract get(): Promise<RiskQuestionnaire | undefined>;
  /** Writes it if the stored one is still at `expectedVersion` (0: none yet), else CHANGE.CONFLICT. */
  abstract save(questionnaire: RiskQuestionnaire, expectedVersion: number): Promise<void>;
}

/** A change's questionnaire answers, kept beside the change (the latest answers win). */
export abstract class RiskAnswerStore {
  abstract get(changeId: string): Promise<RiskAnswers | undefined>;
  abstract put(changeId: string, answers: RiskAnswers, by: string, at: Date): Promise<void>;
}

/** What the change store knows of failed changes: the `recent_failed_changes` rule's query. */
export abstract class FailedChangeHistory {
  /** Changes closed failed or backed out since `since` naming any of `ciIds`, except `exceptChangeId`. */
  abstract closedFailedOn(ciIds: readonly string[], since: Date, exceptChangeId: string): Promise<readonly FailedChange[]>;
}
