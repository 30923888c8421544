import type { ChangeViewer } from '../../../domain/change-access.policy';
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
    /** The caller (GraphQL), who must be able to see the change; null: the context itself. */
    readonly viewer: ChangeViewer | null = null,
  ) {}
}
