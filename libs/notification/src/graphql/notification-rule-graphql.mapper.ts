import { NotificationErrorCode, notificationError } from '../domain';
import type { ConditionValue, NotificationRule, NotificationRuleInput, RecipientSpec } from '../domain';
import type { NotificationRuleGql, NotificationRuleGqlInput, RecipientSpecGql } from './notification-rule.types';

const invalid = (field: string, message: string) => notificationError(NotificationErrorCode.InvalidInput, message, { field });

function valueOf(json: string, field: string): ConditionValue {
  try {
    return JSON.parse(json) as ConditionValue;
  } catch {
    throw invalid('conditions', `The value of ${field} is not JSON.`);
  }
}

function recipientOf(spec: RecipientSpecGql): RecipientSpec {
  const need = (value: string | null | undefined, name: string): string => {
    if (value === null || value === undefined || value === '') throw invalid('recipients', `A ${spec.kind} recipient names its ${name}.`);
    return value;
  };
  switch (spec.kind) {
    case 'person':
      return { kind: 'person', personId: need(spec.personId, 'personId') };
    case 'group':
      return { kind: 'group', groupId: need(spec.groupId, 'groupId') };
    case 'on_call':
      return { kind: 'on_call', groupId: spec.groupId ?? null };
    case 'address':
      return { kind: 'address', address: need(spec.address, 'address') };
    case 'assignee':
    case 'assignment_group':
    case 'group_manager':
    case 'caller':
    case 'requester':
    case 'approvers':
    case 'owner':
    case 'contact':
      return { kind: spec.kind };
  }
}

export function ruleInputOf(input: NotificationRuleGqlInput): NotificationRuleInput {
  return {
    name: input.name,
    trigger: { eventType: input.eventType, conditions: input.conditions.map((c) => ({ field: c.field, operator: c.operator, value: valueOf(c.valueJson, c.field) })) },
    recipients: input.recipients.map(recipientOf),
    channels: input.channels,
    endpoints: input.endpoints.map((e) => ({ endpointId: e.endpointId, channel: e.channel })),
    category: input.category,
    urgent: input.urgent,
    templateId: input.templateId,
    escalationPolicyId: input.escalationPolicyId ?? null,
    ...(input.enabled === null || input.enabled === undefined ? {} : { enabled: input.enabled }),
  };
}

export function toRuleGql(rule: NotificationRule): NotificationRuleGql {
  return {
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    eventType: rule.trigger.eventType,
    conditions: rule.trigger.conditions.map((c) => ({ field: c.field, operator: c.operator, valueJson: JSON.stringify(c.value) })),
    recipients: rule.recipients.map((r) => ({ kind: r.kind, personId: r.kind === 'person' ? r.personId : null, groupId: r.kind === 'group' || r.kind === 'on_call' ? r.groupId : null, address: r.kind === 'address' ? r.address : null })),
    channels: [...rule.channels],
    endpoints: rule.endpoints.map((e) => ({ ...e })),
    category: rule.category,
    urgent: rule.urgent,
    templateId: rule.templateId,
    escalationPolicyId: rule.escalationPolicyId ?? null,
  };
}
