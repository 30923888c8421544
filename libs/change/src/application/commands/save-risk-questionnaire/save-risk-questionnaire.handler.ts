import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain/change.errors';
import { checkRiskQuestionnaire } from '../../../domain/risk';
import type { RiskQuestionnaire } from '../../../domain/risk';
import { RiskQuestionnaireStore } from '../../ports/risk-stores.port';
import type { SaveRiskQuestionnaireCommand } from './save-risk-questionnaire.command';

/** Validates and stores the questionnaire: CHANGE.INVALID_INPUT or CONFLICT, nothing written. */
@Injectable()
export class SaveRiskQuestionnaireHandler {
  constructor(
    @Inject(RiskQuestionnaireStore) private readonly store: RiskQuestionnaireStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ questionnaire: input, expectedVersion }: SaveRiskQuestionnaireCommand): Promise<RiskQuestionnaire> {
    const checked = checkRiskQuestionnaire(input);
    const current = await this.store.get();
    if ((current?.version ?? 0) !== expectedVersion) throw new ChangeError(ChangeErrorCode.Conflict, `the questionnaire changed since version ${expectedVersion}`, { expectedVersion });
    const questionnaire: RiskQuestionnaire = { ...checked, updatedAt: this.clock.now(), version: expectedVersion + 1 };
    await this.store.save(questionnaire, expectedVersion);
    return questionnaire;
  }
}
