import type { RiskRuleInput } from '../../../domain/risk';

/** Create a risk rule (no `id`, or a chosen new one) or replace one (`id` and the version read). */
export class SaveRiskRuleCommand {
  constructor(
    readonly rule: RiskRuleInput,
    readonly id?: string,
    /** The version the admin edited; absent: create. */
    readonly expectedVersion?: number,
  ) {}
}
