import type { NotificationRuleInput } from '../../../domain';

/** Who a saved rule (`ruleId`) or a draft (`input`) would notify for a past event, sending nothing. */
export class DryRunNotificationRuleQuery {
  constructor(
    readonly ruleId: string | null,
    readonly input: NotificationRuleInput | null,
    readonly eventId: string,
  ) {}
}
