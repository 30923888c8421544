import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain/change.errors';
import type { Change } from '../../../domain/change.model';
import { assessRisk, checkRiskAnswers } from '../../../domain/risk';
import type { RiskAssessment } from '../../../domain/risk';
import { ChangeRiskTarget } from '../../ports/change-risk.port';
import { RiskAnswerStore, RiskQuestionnaireStore, RiskRuleStore } from '../../ports/risk-stores.port';
import { RiskFactsService } from '../../risk-facts.service';
import type { AssessChangeRiskCommand } from './assess-change-risk.command';

export interface AssessedRisk {
  readonly change: Change;
  readonly assessment: RiskAssessment;
}

/**
 * Assesses a change: its active risk rules over its facts and the questionnaire over its answers;
 * the higher level wins and the change records it with its explanation (itsm.change.risk-assessed.v1,
 * in the change's one write). New answers are checked against the questionnaire first
 * (CHANGE.INVALID_INPUT, nothing written) and kept for later assessments.
 */
@Injectable()
export class AssessChangeRiskHandler {
  constructor(
    @Inject(ChangeRiskTarget) private readonly changes: ChangeRiskTarget,
    @Inject(RiskRuleStore) private readonly rules: RiskRuleStore,
    @Inject(RiskQuestionnaireStore) private readonly questionnaires: RiskQuestionnaireStore,
    @Inject(RiskAnswerStore) private readonly answers: RiskAnswerStore,
    @Inject(RiskFactsService) private readonly facts: RiskFactsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ changeId, by, answers: given, viewer, consumed, recordDefault }: AssessChangeRiskCommand): Promise<AssessedRisk> {
    const change = await this.changes.change(changeId);
    if (change === undefined) throw new ChangeError(ChangeErrorCode.NotFound, `change ${changeId} not found`, { changeId });
    if (viewer !== null) await this.changes.assertMayAssess(viewer, change);
    if (change.state === 'closed' || change.state === 'canceled') {
      throw new ChangeError(ChangeErrorCode.IllegalTransition, `a ${change.state} change is not assessed any more`, { changeId, state: change.state });
    }
    const [rules, questionnaire] = await Promise.all([this.rules.all(), this.questionnaires.get()]);
    if (given !== null && questionnaire === undefined) throw new ChangeError(ChangeErrorCode.InvalidInput, 'there is no risk questionnaire to answer', { field: 'answers' });
    const checked = given !== null && questionnaire !== undefined ? checkRiskAnswers(questionnaire, given) : null;
    const now = this.clock.now();
    if (checked !== null) await this.answers.put(changeId, checked, by, now);
    const answers = checked ?? (await this.answers.get(changeId)) ?? null;
    const facts = await this.facts.gather(change, rules, now);
    const assessment = assessRisk(rules, facts, questionnaire !== undefined && answers !== null ? { questionnaire, answers } : null);
    if (!recordDefault && assessment.explanation.decidedBy === 'default' && change.risk === null) return { change, assessment };
    const recorded = await this.changes.recordRisk(changeId, assessment.explanation, by, consumed);
    return { change: recorded, assessment };
  }
}
