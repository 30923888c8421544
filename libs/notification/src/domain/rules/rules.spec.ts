import { PLATFORM_TOPICS } from '@itsm/contracts';
import { notifiableEventTypes } from '../event-fields';
import type { SourceEvent, TicketRef } from '../notice';
import { NotificationErrorCode } from '../notification.errors';
import type { NotificationRule, NotificationRuleInput } from './notification-rule';
import { planNotices } from './notice-plan';
import type { CandidatePerson } from './notice-plan';
import { recipientTarget } from './recipient-targets';
import { conditionsHold } from './rule-conditions';
import { checkRule } from './rule-validation';
import { factsKeyOf, mergeFacts, ticketIdentity } from './ticket-facts';

const TYPES = notifiableEventTypes(PLATFORM_TOPICS);
const input = (over: Partial<NotificationRuleInput> = {}): NotificationRuleInput => ({
  name: 'Assigned to my group',
  trigger: { eventType: 'itsm.incident.assigned.v1', conditions: [] },
  recipients: [{ kind: 'assignment_group' }],
  channels: ['email', 'in_app'],
  endpoints: [],
  category: 'assignment',
  urgent: false,
  templateId: 'incident-assigned',
  ...over,
});
const codeOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return [(error as { code: string }).code, (error as { details: unknown }).details];
  }
  return 'accepted';
};
const event = (type: string, data: Record<string, unknown>, over: Partial<SourceEvent> = {}): SourceEvent => ({ id: `e-${type}`, topic: 'itsm.incident.v1', type, source: '/itsm/incident', subject: 'inc-1', sequence: 1, time: '2026-01-01T00:00:00Z', data, actorId: (data['by'] as string | undefined) ?? null, causationId: null, correlationId: null, ...over });

describe('notification rules (domain)', () => {
  it('accepts a rule whose only action is an escalation, and refuses a malformed policy id', () => {
    const escalating = checkRule(input({ recipients: [], channels: [], escalationPolicyId: 'p1-network' }), TYPES);
    expect(escalating.escalationPolicyId).toBe('p1-network');
    expect(checkRule(input(), TYPES).escalationPolicyId).toBeNull();
    expect(codeOf(() => checkRule(input({ escalationPolicyId: 'no spaces' }), TYPES))).toEqual([NotificationErrorCode.InvalidInput, { field: 'escalationPolicyId' }]);
    expect(codeOf(() => checkRule(input({ recipients: [], channels: [], escalationPolicyId: null }), TYPES))).toEqual([NotificationErrorCode.InvalidInput, { field: 'recipients' }]);
  });

  it('accepts a valid rule and refuses an unknown event type, a field the type lacks, an operator its type does not allow and nobody to reach', () => {
    expect(codeOf(() => checkRule(input({ trigger: { eventType: 'itsm.incident.opened.v1', conditions: [{ field: 'event.priority', operator: 'lte', value: 2 }, { field: 'ticket.state', operator: 'changed_to', value: 'in_progress' }] } }), TYPES))).toBe('accepted');
    expect(codeOf(() => checkRule(input({ trigger: { eventType: 'itsm.incident.exploded.v1', conditions: [] } }), TYPES))).toEqual([NotificationErrorCode.UnknownEventType, { eventType: 'itsm.incident.exploded.v1' }]);
    expect(codeOf(() => checkRule(input({ trigger: { eventType: 'itsm.incident.assigned.v1', conditions: [{ field: 'event.priority', operator: 'eq', value: 1 }] } }), TYPES))).toEqual([NotificationErrorCode.InvalidCondition, { field: 'event.priority', operator: 'eq' }]);
    expect(codeOf(() => checkRule(input({ trigger: { eventType: 'itsm.incident.opened.v1', conditions: [{ field: 'event.title', operator: 'gt', value: 3 }] } }), TYPES))).toEqual([NotificationErrorCode.InvalidCondition, { field: 'event.title', operator: 'gt' }]);
    expect(codeOf(() => checkRule(input({ recipients: [], channels: [], endpoints: [] }), TYPES))).toEqual([NotificationErrorCode.InvalidInput, { field: 'recipients' }]);
    expect(codeOf(() => checkRule(input({ channels: [] }), TYPES))).toEqual([NotificationErrorCode.InvalidInput, { field: 'channels' }]);
    expect(codeOf(() => checkRule(input({ recipients: [{ kind: 'approvers' }] }), TYPES))).toEqual([NotificationErrorCode.InvalidInput, { recipient: 'approvers', eventType: 'itsm.incident.assigned.v1' }]);
    expect(codeOf(() => checkRule(input({ recipients: [{ kind: 'address', address: 'not an address' }] }), TYPES))).toEqual([NotificationErrorCode.InvalidInput, { recipient: 'address', address: 'not an address' }]);
    // An SLA event's ticket is the incident it measures: ticket.priority is a field there.
    expect(codeOf(() => checkRule(input({ trigger: { eventType: 'itsm.sla.clock-warning.v1', conditions: [{ field: 'event.thresholdPercent', operator: 'gte', value: 75 }, { field: 'ticket.priority', operator: 'eq', value: 1 }] }, recipients: [{ kind: 'assignee' }] }), TYPES))).toBe('accepted');
  });

  it('merges facts by sequence (an older or duplicate event changes nothing) and evaluates changed_to against the facts before', () => {
    const opened = mergeFacts(null, event('itsm.incident.opened.v1', { number: 'INC0000001', title: 'Down', state: 'new', priority: 2, parentId: undefined }));
    const started = mergeFacts(opened, { ...event('itsm.incident.work-started.v1', { state: 'in_progress' }), sequence: 2 });
    expect(mergeFacts(started, { ...event('x', { state: 'new' }), sequence: 1 })).toBe(started);
    const rule = [{ field: 'ticket.state', operator: 'changed_to', value: 'in_progress' } as const];
    expect(conditionsHold(rule, { event: { data: { state: 'in_progress' } }, before: opened, after: started })).toBe(true);
    expect(conditionsHold(rule, { event: { data: { state: 'in_progress' } }, before: started, after: started })).toBe(false);
    expect(conditionsHold([{ field: 'event.priority', operator: 'in', value: [1, 2] }], { event: { data: { priority: 2 } }, before: null, after: null })).toBe(true);
    expect(ticketIdentity(started, event('x', {}))).toEqual({ id: 'inc-1', topic: 'itsm.incident.v1', number: 'INC0000001', title: 'Down', rootId: 'inc-1' });
  });

  it('resolves ticket roles through the topic profile, an SLA event through the incident it measures', () => {
    const facts = mergeFacts(null, event('itsm.incident.assigned.v1', { groupId: 'g-network', assigneeId: 'n-alice', state: 'new' }));
    const sla = event('itsm.sla.clock-warning.v1', { ticketType: 'incident', ticketId: 'inc-1', ticketNumber: 'INC0000001', thresholdPercent: 75 }, { topic: 'itsm.sla.v1', subject: 'inc-1' });
    expect(factsKeyOf(sla)).toEqual({ topic: 'itsm.incident.v1', subject: 'inc-1', own: false });
    expect(recipientTarget({ kind: 'assignee' }, sla, facts)).toEqual({ kind: 'people', personIds: ['n-alice'] });
    expect(recipientTarget({ kind: 'on_call', groupId: null }, sla, facts)).toEqual({ kind: 'on_call', groupId: 'g-network' });
    expect(recipientTarget({ kind: 'assignee' }, sla, null)).toBeNull();
  });

  it('plans one notice per recipient and channel: the actor, inactive people and people without mail dropped, the first rule by id wins', () => {
    const rule = (id: string, over: Partial<NotificationRule> = {}): NotificationRule => ({ ...input(), id, enabled: true, ...over });
    const person = (id: string, over: Partial<CandidatePerson> = {}): CandidatePerson => ({ id, displayName: id, active: true, email: `${id}@x.example`, locale: 'en', timeZone: 'UTC', chatHandle: null, ...over });
    const people = new Map([person('alice'), person('bob'), person('gone', { active: false }), person('nomail', { email: null })].map((p) => [p.id, p]));
    const ticket: TicketRef = { topic: 'itsm.incident.v1', id: 'inc-1', number: null, title: null, link: 'l', rootId: 'inc-1' };
    const plan = planNotices(event('itsm.incident.assigned.v1', { by: 'bob' }), ticket, [
      { rule: rule('r2', { category: 'update', channels: ['email'] }), personIds: ['alice'], addresses: [] },
      { rule: rule('r1', { endpoints: [{ endpointId: 'hook', channel: 'webhook' }] }), personIds: ['alice', 'bob', 'gone', 'nomail', 'ghost'], addresses: ['desk@x.example'] },
    ], people);
    expect(plan.notices.map((n) => `${n.items[0]?.ruleId} ${n.channel} ${n.recipient.kind === 'person' ? n.recipient.personId : n.recipient.kind} ${n.category} ${n.key}`)).toEqual([
      'r1 email alice assignment e-itsm.incident.assigned.v1',
      'r1 in_app alice assignment e-itsm.incident.assigned.v1',
      'r1 in_app nomail assignment e-itsm.incident.assigned.v1',
      'r1 email address assignment e-itsm.incident.assigned.v1',
      'r1 webhook endpoint assignment e-itsm.incident.assigned.v1',
    ]);
    expect(plan.outcomes.filter((o) => o.dropped !== null).map((o) => `${o.ruleId} ${o.recipientKey} ${o.channel} ${o.dropped}`)).toEqual([
      'r1 person:bob email actor', 'r1 person:bob in_app actor', 'r1 person:gone email inactive', 'r1 person:gone in_app inactive', 'r1 person:nomail email no_address',
      'r1 person:ghost email unknown_person', 'r1 person:ghost in_app unknown_person', 'r2 person:alice email duplicate',
    ]);
  });
});

describe('the actor filter', () => {
  it('drops the actor named by user name (the incident records its token subject as `by`)', () => {
    const ticket: TicketRef = { topic: 'itsm.incident.v1', id: 'inc-1', number: null, title: null, link: 'l', rootId: 'inc-1' };
    const rule = (id: string, over: Partial<NotificationRule> = {}): NotificationRule => ({ ...input(), id, enabled: true, ...over });
    const person = (id: string, userName: string): CandidatePerson => ({ id, userName, displayName: id, active: true, email: `${id}@x.example`, locale: 'en', timeZone: 'UTC', chatHandle: null });
    const people = new Map([person('p-1', 'u-agnes'), person('p-2', 'u-bert')].map((p) => [p.id, p]));
    const plan = planNotices(event('itsm.incident.note-added.v1', { by: 'U-Agnes' }), ticket, [{ rule: rule('r1', { channels: ['email'] }), personIds: ['p-1', 'p-2'], addresses: [] }], people);
    expect(plan.notices.map((n) => (n.recipient.kind === 'person' ? n.recipient.personId : n.recipient.kind))).toEqual(['p-2']);
    expect(plan.outcomes.find((o) => o.recipientKey === 'person:p-1')?.dropped).toBe('actor');
  });
});
