import { fieldTypes } from '../event-fields';
import type { FieldType, NotifiableEventType } from '../event-fields';
import { isMailAddress } from '../mail-address';
import { ENDPOINT_CHANNELS, NOTIFICATION_CATEGORIES, PERSON_CHANNELS } from '../notice';
import { NotificationErrorCode, notificationError } from '../notification.errors';
import { CONDITION_OPERATORS, RECIPIENT_KINDS } from './notification-rule';
import type { ConditionScalar, NotificationRuleInput, RecipientSpec, RuleCondition } from './notification-rule';
import { splitField } from './rule-conditions';
import { profileOf } from './ticket-profiles';
import type { ProfileRole } from './ticket-profiles';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;
const ROLE_OF_KIND: Partial<Record<RecipientSpec['kind'], ProfileRole>> = { assignee: 'assignee', assignment_group: 'group', group_manager: 'group', caller: 'caller', requester: 'requester', approvers: 'approvers', owner: 'owner', contact: 'contact' };

const invalid = (message: string, details: Record<string, string | number | boolean>) => notificationError(NotificationErrorCode.InvalidInput, message, details);

/** The types `ticket.<path>` can have for an event type: any event type's of the topic the ticket's facts come from. */
export function ticketFieldTypes(eventType: NotifiableEventType, types: ReadonlyMap<string, NotifiableEventType>, path: readonly string[]): readonly FieldType[] {
  const about = profileOf(eventType.topic).about;
  const topics = new Set(about === undefined ? [eventType.topic] : Object.values(about.topics));
  return [...new Set([...types.values()].filter((t) => topics.has(t.topic)).flatMap((t) => fieldTypes(t.schema, path)))];
}

function valueType(value: ConditionScalar): FieldType {
  return value === null ? 'null' : (typeof value as FieldType);
}

function checkCondition(condition: RuleCondition, eventType: NotifiableEventType, types: ReadonlyMap<string, NotifiableEventType>): void {
  const refuse = (why: string) => notificationError(NotificationErrorCode.InvalidCondition, `Condition on ${condition.field}: ${why}.`, { field: condition.field, operator: condition.operator });
  if (!(CONDITION_OPERATORS as readonly string[]).includes(condition.operator)) throw refuse('unknown operator');
  const split = splitField(condition.field);
  if (split === null) throw refuse('a field is event.<path> or ticket.<path>');
  const path = split.path.split('.');
  const fieldTypesFound = split.root === 'event' ? fieldTypes(eventType.schema, path) : ticketFieldTypes(eventType, types, path);
  if (fieldTypesFound.length === 0) throw refuse(`${eventType.type} has no such field`);
  const { operator, value } = condition;
  if (operator === 'exists') {
    if (typeof value !== 'boolean') throw refuse('exists compares with true or false');
    return;
  }
  const scalars = operator === 'in' || operator === 'not_in' ? value : [value];
  if (!Array.isArray(scalars) || scalars.length === 0 || scalars.some((v) => Array.isArray(v))) throw refuse(operator === 'in' || operator === 'not_in' ? 'in and not_in compare with a list of values' : 'compares with one value');
  for (const scalar of scalars as readonly ConditionScalar[]) {
    const type = valueType(scalar);
    const ordered = ['lt', 'lte', 'gt', 'gte'].includes(operator);
    if (ordered && type !== 'number' && type !== 'string') throw refuse(`${operator} compares numbers or texts`);
    if (!fieldTypesFound.includes(type)) throw refuse(`the field is ${fieldTypesFound.join(' or ')}, not ${type}`);
  }
}

function checkRecipient(spec: RecipientSpec, eventType: NotifiableEventType): void {
  if (!(RECIPIENT_KINDS as readonly string[]).includes(spec.kind)) throw invalid(`Unknown recipient kind ${spec.kind}.`, { recipient: spec.kind });
  const role = ROLE_OF_KIND[spec.kind];
  if (role !== undefined) {
    const profile = profileOf(eventType.topic);
    const target = profile.about === undefined ? profile : profileOf(Object.values(profile.about.topics)[0] ?? eventType.topic);
    const paths = role === 'approvers' ? profile.roles.approvers.filter((p) => fieldTypes(eventType.schema, p.split('.')).length > 0) : target.roles[role];
    if (paths.length === 0) throw invalid(`${eventType.type} names no ${spec.kind.replace('_', ' ')}.`, { recipient: spec.kind, eventType: eventType.type });
  }
  if (spec.kind === 'person' && !ID.test(spec.personId)) throw invalid('A person recipient names a person id.', { recipient: spec.kind });
  if ((spec.kind === 'group' || (spec.kind === 'on_call' && spec.groupId !== null)) && !ID.test(spec.groupId ?? '')) throw invalid('A group recipient names a group id.', { recipient: spec.kind });
  if (spec.kind === 'on_call' && spec.groupId === null && profileOf(eventType.topic).roles.group.length === 0 && profileOf(eventType.topic).about === undefined) throw invalid(`${eventType.type} names no group: name the on-call group.`, { recipient: spec.kind });
  if (spec.kind === 'address' && !isMailAddress(spec.address)) throw invalid(`${spec.address} is not a mail address.`, { recipient: spec.kind, address: spec.address });
}

/**
 * A rule as saved: its event type known (NOTIFICATION.UNKNOWN_EVENT_TYPE), each condition on a
 * field the type carries with an operator and value its type allows (INVALID_CONDITION), recipients
 * the type can name, someone to reach on some channel or an escalation policy to start (INVALID_INPUT). Pure: `types` is
 * `notifiableEventTypes(...)` of the topics rules may name.
 */
export function checkRule(input: NotificationRuleInput, types: ReadonlyMap<string, NotifiableEventType>): NotificationRuleInput {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw invalid('A rule has a name of 1 to 200 characters.', { field: 'name' });
  const eventType = types.get(input.trigger.eventType);
  if (eventType === undefined) throw notificationError(NotificationErrorCode.UnknownEventType, `No notifiable topic has the event type ${input.trigger.eventType}.`, { eventType: input.trigger.eventType });
  if (input.trigger.conditions.length > 20) throw invalid('A rule has at most 20 conditions.', { field: 'conditions' });
  for (const condition of input.trigger.conditions) checkCondition(condition, eventType, types);
  if (input.recipients.length > 50 || input.endpoints.length > 20) throw invalid('A rule names at most 50 recipients and 20 endpoints.', { field: 'recipients' });
  for (const spec of input.recipients) checkRecipient(spec, eventType);
  if (input.channels.some((c) => !(PERSON_CHANNELS as readonly string[]).includes(c))) throw invalid('People are reached by email or in_app.', { field: 'channels' });
  if (input.endpoints.some((e) => !ID.test(e.endpointId) || !(ENDPOINT_CHANNELS as readonly string[]).includes(e.channel))) throw invalid('An endpoint is an endpoint id and webhook, slack or teams.', { field: 'endpoints' });
  if (input.recipients.length > 0 && input.channels.length === 0) throw invalid('A rule with recipients names the channels they are reached on.', { field: 'channels' });
  if (input.recipients.length === 0 && input.channels.length > 0) throw invalid('A rule with channels names recipients.', { field: 'recipients' });
  if (input.recipients.some((r) => r.kind === 'address' || r.kind === 'contact') && !input.channels.includes('email')) throw invalid('Addresses are reached by email: add the email channel.', { field: 'channels' });
  const escalationPolicyId = input.escalationPolicyId ?? null;
  if (escalationPolicyId !== null && !ID.test(escalationPolicyId)) throw invalid('A rule names its escalation policy by id.', { field: 'escalationPolicyId' });
  if (input.recipients.length === 0 && input.endpoints.length === 0 && escalationPolicyId === null) throw invalid('A rule notifies someone: recipients on channels, endpoints, or an escalation policy.', { field: 'recipients' });
  if (!(NOTIFICATION_CATEGORIES as readonly string[]).includes(input.category)) throw invalid(`Unknown category ${input.category}.`, { field: 'category' });
  if (!ID.test(input.templateId)) throw invalid('A rule names its template by id.', { field: 'templateId' });
  return { ...input, name, channels: [...new Set(input.channels)], escalationPolicyId };
}
