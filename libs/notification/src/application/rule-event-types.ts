import { NOTIFICATION_EVENT_TYPES, notificationTopic } from '@itsm/contracts';
import { notifiableEventTypes } from '../domain';
import type { NotifiableEventType } from '../domain';
import { NOTIFIABLE_TOPICS } from '../notifiable-topics';

/**
 * The context's own event types rules may name (consumed from itsm.notification.v1 beside the
 * escalations): a disabled endpoint. Replies and escalations are not: an escalation pages by its
 * policy, and a rule on them would notify about notifying.
 */
export const OWN_RULE_EVENT_TYPES: readonly string[] = [NOTIFICATION_EVENT_TYPES.endpointDisabled];

/** The event types rules may name: those of the topics the consumer reads (not the CMDB discovery feed) and OWN_RULE_EVENT_TYPES. */
export const RULE_EVENT_TYPES: ReadonlyMap<string, NotifiableEventType> = new Map([
  ...notifiableEventTypes(NOTIFIABLE_TOPICS),
  ...[...notifiableEventTypes([notificationTopic])].filter(([type]) => OWN_RULE_EVENT_TYPES.includes(type)),
]);
