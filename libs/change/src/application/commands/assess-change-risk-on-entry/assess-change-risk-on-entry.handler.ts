import { Inject, Injectable } from '@nestjs/common';
import { ChangeRiskTarget } from '../../ports/change-risk.port';
import { AssessChangeRiskCommand } from '../assess-change-risk/assess-change-risk.command';
import { AssessChangeRiskHandler } from '../assess-change-risk/assess-change-risk.handler';
import type { AssessChangeRiskOnEntryCommand } from './assess-change-risk-on-entry.command';

/** Who the automatic assessment is recorded as. */
export const RISK_ASSESSOR = 'system:risk';

/**
 * Assesses a change's risk when it enters Assess (normal) or Authorize from New (emergency, which
 * skips Assess), once per event: the event is recorded with the change's write. A change that has
 * moved on since (the event is old) is left alone, and so is a change no rule or answer says
 * anything about (its risk stays unassessed rather than a default low). Answers whether it assessed.
 */
@Injectable()
export class AssessChangeRiskOnEntryHandler {
  constructor(
    @Inject(ChangeRiskTarget) private readonly changes: ChangeRiskTarget,
    @Inject(AssessChangeRiskHandler) private readonly assess: AssessChangeRiskHandler,
  ) {}

  async execute({ envelope }: AssessChangeRiskOnEntryCommand): Promise<boolean> {
    if (envelope.type !== 'itsm.change.state-changed.v1') return false;
    const { changeId, state, previousState } = envelope.data;
    const entered = state === 'assess' || (state === 'authorize' && previousState === 'new');
    if (!entered || (await this.changes.change(changeId))?.state !== state) return false;
    await this.assess.execute(new AssessChangeRiskCommand(changeId, RISK_ASSESSOR, null, null, envelope, false));
    return true;
  }
}
