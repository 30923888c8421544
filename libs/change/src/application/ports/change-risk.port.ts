import type { Change, RiskExplanation } from '../../domain/change.model';

/**
 * The change aggregate as the risk assessment sees it: read a change, and record its new risk in the
 * change's one write (state, `itsm.change.risk-assessed.v1`, audit entry). Bound to the core's
 * change store and command runner.
 */
export abstract class ChangeRiskTarget {
  abstract change(id: string): Promise<Change | undefined>;
  /** CHANGE.NOT_FOUND, CHANGE.ILLEGAL_TRANSITION (closed or canceled), CHANGE.CONFLICT. */
  abstract recordRisk(changeId: string, risk: RiskExplanation, by: string): Promise<Change>;
}
