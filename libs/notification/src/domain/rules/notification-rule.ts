import type { EndpointChannel, NotificationCategory, PersonChannel } from '../notice';

/** How a condition compares a field (`changed_to`: the ticket's field took this value with this event). */
export const CONDITION_OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'not_in', 'exists', 'changed_to'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export type ConditionScalar = string | number | boolean | null;
export type ConditionValue = ConditionScalar | readonly ConditionScalar[];

/** `field` is `event.<path>` (the payload) or `ticket.<path>` (the ticket's merged facts after the event). */
export interface RuleCondition {
  readonly field: string;
  readonly operator: ConditionOperator;
  readonly value: ConditionValue;
}

/**
 * Who a rule notifies. The ticket-relative kinds read the fields the topic's TICKET_PROFILES row
 * names; `on_call` reads the ticket's group unless it names one; `owner` is who is responsible for
 * the record (an endpoint's creator), `contact` the mail address the record names (by email). There
 * is no `watchers` kind: no platform topic carries watchers yet (a topic that does adds a profile
 * field and the kind).
 */
export const RECIPIENT_KINDS = ['assignee', 'assignment_group', 'group_manager', 'caller', 'requester', 'approvers', 'owner', 'contact', 'on_call', 'person', 'group', 'address'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export type RecipientSpec =
  | { readonly kind: 'assignee' | 'assignment_group' | 'group_manager' | 'caller' | 'requester' | 'approvers' | 'owner' | 'contact' }
  | { readonly kind: 'on_call'; readonly groupId: string | null }
  | { readonly kind: 'person'; readonly personId: string }
  | { readonly kind: 'group'; readonly groupId: string }
  | { readonly kind: 'address'; readonly address: string };

/** A configured endpoint and the format it is sent in (the rule says which: one endpoint may serve one channel). */
export interface RuleEndpoint {
  readonly endpointId: string;
  readonly channel: EndpointChannel;
}

export interface RuleTrigger {
  readonly eventType: string;
  readonly conditions: readonly RuleCondition[];
}

/** An admin's rule: on this event type, when the conditions hold, notify these recipients on these channels and endpoints. */
export interface NotificationRule {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly trigger: RuleTrigger;
  readonly recipients: readonly RecipientSpec[];
  /** The channels people (and fixed addresses, by email) are reached on. */
  readonly channels: readonly PersonChannel[];
  readonly endpoints: readonly RuleEndpoint[];
  readonly category: NotificationCategory;
  readonly urgent: boolean;
  readonly templateId: string;
  /**
   * The escalation action: when the rule matches, this escalation policy starts on the ticket (its
   * group's on-call people first, then the next levels until someone acknowledges). Absent or null: none.
   */
  readonly escalationPolicyId?: string | null;
}

/** What an admin submits (the id and the enabled flag are the save's). */
export type NotificationRuleInput = Omit<NotificationRule, 'id' | 'enabled'> & { readonly enabled?: boolean };
