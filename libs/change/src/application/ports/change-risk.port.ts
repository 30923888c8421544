import type { EventEnvelope } from '@itsm/contracts';
import type { ChangeViewer } from '../../domain/change-access.policy';
import type { Change, RiskExplanation } from '../../domain/change.model';

/**
 * The change aggregate as the risk assessment sees it: read a change, and record its new risk in the
 * change's one write (state, `itsm.change.risk-assessed.v1`, audit entry). Bound to the core's
 * change store and command runner.
 */
export abstract class ChangeRiskTarget {
  abstract change(id: string): Promise<Change | undefined>;
  /** A viewer may assess the changes they may see (CHANGE.NOT_FOUND for one they may not). */
  abstract assertMayAssess(viewer: ChangeViewer, change: Change): Promise<void>;
  /**
   * CHANGE.NOT_FOUND, CHANGE.ILLEGAL_TRANSITION (closed or canceled), CHANGE.CONFLICT. With `consumed`
   * (a reaction to a change event) the event is recorded in the same write: a redelivery changes nothing.
   */
  abstract recordRisk(changeId: string, risk: RiskExplanation, by: string, consumed: EventEnvelope | null): Promise<Change>;
}
