import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain/change.errors';
import { checkRiskRule } from '../../../domain/risk';
import type { RiskRule } from '../../../domain/risk';
import { RiskRuleStore } from '../../ports/risk-stores.port';
import { riskCabIdFor } from '../../risk-cab-ids';
import type { SaveRiskRuleCommand } from './save-risk-rule.command';

/** Validates and stores an admin's risk rule: CHANGE.INVALID_INPUT, RISK_RULE_NOT_FOUND or CONFLICT, nothing written. */
@Injectable()
export class SaveRiskRuleHandler {
  constructor(
    @Inject(RiskRuleStore) private readonly rules: RiskRuleStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ rule: input, id: chosen, expectedVersion }: SaveRiskRuleCommand): Promise<RiskRule> {
    const checked = checkRiskRule(input);
    const now = this.clock.now();
    if (expectedVersion === undefined) {
      const rule: RiskRule = { ...checked, id: riskCabIdFor(chosen), createdAt: now, updatedAt: now, version: 1 };
      await this.rules.create(rule);
      return rule;
    }
    const current = chosen === undefined ? undefined : await this.rules.byId(chosen);
    if (current === undefined) throw new ChangeError(ChangeErrorCode.RiskRuleNotFound, `risk rule ${chosen ?? ''} not found`, { ruleId: chosen ?? '' });
    if (current.version !== expectedVersion) throw new ChangeError(ChangeErrorCode.Conflict, `risk rule ${current.id} changed since version ${expectedVersion}`, { ruleId: current.id });
    const rule: RiskRule = { ...current, ...checked, updatedAt: now, version: current.version + 1 };
    await this.rules.replace(rule, expectedVersion);
    return rule;
  }
}
