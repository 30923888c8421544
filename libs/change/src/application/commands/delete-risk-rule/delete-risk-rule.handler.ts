import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain/change.errors';
import { RiskRuleStore } from '../../ports/risk-stores.port';
import type { DeleteRiskRuleCommand } from './delete-risk-rule.command';

/** Deletes a rule; CHANGE.RISK_RULE_NOT_FOUND for an unknown one. */
@Injectable()
export class DeleteRiskRuleHandler {
  constructor(@Inject(RiskRuleStore) private readonly rules: RiskRuleStore) {}

  async execute({ id }: DeleteRiskRuleCommand): Promise<void> {
    if (!(await this.rules.delete(id))) throw new ChangeError(ChangeErrorCode.RiskRuleNotFound, `risk rule ${id} not found`, { ruleId: id });
  }
}
