import { Injectable } from '@nestjs/common';
import { NotificationErrorCode, notificationError } from '../../../domain';
import type { NotificationRule } from '../../../domain';
import { EnabledRules } from '../../enabled-rules';
import { NotificationRuleStore } from '../../ports/notification-rule-store.port';
import type { SetNotificationRuleEnabledCommand } from './set-notification-rule-enabled.command';

@Injectable()
export class SetNotificationRuleEnabledHandler {
  constructor(
    private readonly rules: NotificationRuleStore,
    private readonly enabled: EnabledRules,
  ) {}

  async execute(command: SetNotificationRuleEnabledCommand): Promise<NotificationRule> {
    const current = await this.rules.byId(command.ruleId);
    if (current === null) throw notificationError(NotificationErrorCode.NotFound, `No notification rule ${command.ruleId}.`, { ruleId: command.ruleId });
    const rule = { ...current, enabled: command.enabled };
    await this.rules.put(rule);
    this.enabled.forget();
    return rule;
  }
}
