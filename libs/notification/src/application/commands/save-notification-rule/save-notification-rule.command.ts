import type { NotificationRuleInput } from '../../../domain';

/** An admin creates (`ruleId` null) or replaces a rule. */
export class SaveNotificationRuleCommand {
  constructor(
    readonly ruleId: string | null,
    readonly input: NotificationRuleInput,
  ) {}
}
