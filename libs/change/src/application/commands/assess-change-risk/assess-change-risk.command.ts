import type { RiskAnswers } from '../../../domain/risk';

/**
 * Assess a change's risk now: on entering Assess, when its questionnaire is answered (`answers`,
 * then kept for later assessments), or on demand. `by`: who asked (a person, or the system).
 */
export class AssessChangeRiskCommand {
  constructor(
    readonly changeId: string,
    readonly by: string,
    readonly answers: RiskAnswers | null = null,
  ) {}
}
