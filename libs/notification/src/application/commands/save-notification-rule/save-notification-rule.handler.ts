import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { checkRule, NotificationErrorCode, notificationError } from '../../../domain';
import type { NotificationRule } from '../../../domain';
import { EnabledRules } from '../../enabled-rules';
import { KnownEndpoints } from '../../ports/endpoint-sender.port';
import { KnownTemplates } from '../../ports/known-templates.port';
import { NotificationRuleStore } from '../../ports/notification-rule-store.port';
import { EscalationPolicyStore } from '../../ports/on-call-stores.port';
import { RULE_EVENT_TYPES } from '../../rule-event-types';
import type { SaveNotificationRuleCommand } from './save-notification-rule.command';

/**
 * Saves a rule once it is valid (checkRule's codes), its template known (INVALID_INPUT naming
 * templateId) and reading only what its event type has (UNKNOWN_TEMPLATE_VARIABLE), its endpoints and escalation policy known (UNKNOWN_RECIPIENT naming them); nothing is saved on a refusal.
 */
@Injectable()
export class SaveNotificationRuleHandler {
  constructor(
    private readonly rules: NotificationRuleStore,
    private readonly templates: KnownTemplates,
    private readonly endpoints: KnownEndpoints,
    private readonly enabled: EnabledRules,
    private readonly policies: EscalationPolicyStore,
  ) {}

  async execute(command: SaveNotificationRuleCommand): Promise<NotificationRule> {
    const input = checkRule(command.input, RULE_EVENT_TYPES);
    const current = command.ruleId === null ? null : await this.rules.byId(command.ruleId);
    if (command.ruleId !== null && current === null) throw notificationError(NotificationErrorCode.NotFound, `No notification rule ${command.ruleId}.`, { ruleId: command.ruleId });
    if ((await this.templates.missing([input.templateId])).length > 0) throw notificationError(NotificationErrorCode.InvalidInput, `No template ${input.templateId}.`, { field: 'templateId', templateId: input.templateId });
    await this.templates.checkReads(input.templateId, input.trigger.eventType);
    const missing = await this.endpoints.missing(input.endpoints.map((e) => e.endpointId));
    if (missing.length > 0) throw notificationError(NotificationErrorCode.UnknownRecipient, `No endpoint ${missing.join(', ')}.`, { endpointIds: missing.join(',') });
    const policyId = input.escalationPolicyId ?? null;
    if (policyId !== null && (await this.policies.byId(policyId)) === null) throw notificationError(NotificationErrorCode.UnknownRecipient, `No escalation policy ${policyId}.`, { escalationPolicyId: policyId });
    const rule: NotificationRule = { ...input, id: current?.id ?? randomUUID(), enabled: input.enabled ?? current?.enabled ?? true };
    await this.rules.put(rule);
    this.enabled.forget();
    return rule;
  }
}
