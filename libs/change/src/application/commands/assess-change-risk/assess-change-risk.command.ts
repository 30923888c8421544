import type { EventEnvelope } from '@itsm/contracts';
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
    /** The change event this assessment reacts to: recorded with the write, so a redelivery changes nothing. */
    readonly consumed: EventEnvelope | null = null,
    /** False: a default result (no rule matched, nothing answered) on a change never assessed is not written (nothing to say). */
    readonly recordDefault = true,
  ) {}
}
