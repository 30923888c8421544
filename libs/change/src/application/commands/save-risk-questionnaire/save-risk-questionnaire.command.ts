import type { RiskQuestionnaireInput } from '../../../domain/risk';

/** Replace the risk questionnaire (questions, weighted answers, score thresholds). */
export class SaveRiskQuestionnaireCommand {
  constructor(
    readonly questionnaire: RiskQuestionnaireInput,
    /** The version the admin edited (0: there was none). */
    readonly expectedVersion: number,
  ) {}
}
