import { expectEventually, IncidentFeed } from '@itsm/testing';
import { NotifiableEventStore } from '../application/ports/notifiable-event-store.port';
import { bootNotificationContext } from '../test-fixtures/booted-notification-context';
import type { BootedNotificationContext } from '../test-fixtures/booted-notification-context';
import { RecordingIntake, rulesSpecDoubles } from '../test-fixtures/rules-spec-doubles';

const SAVE = `mutation($input: NotificationRuleInput!, $id: ID) { saveNotificationRule(input: $input, id: $id) { id name enabled eventType conditions { field operator valueJson } recipients { kind groupId } channels endpoints { endpointId channel } category urgent templateId } }`;
/** The rules every deployment has from its first start (seeded, enabled): all an admin finds before saving any. */
const BUILT_IN = { edges: [{ node: { id: 'builtin.endpoint-disabled', name: 'Endpoint disabled: its owner and contact', enabled: true } }], pageInfo: { hasNextPage: false } };
const RULES = `query($eventType: String, $enabled: Boolean) { notificationRules(first: 50, eventType: $eventType, enabled: $enabled) { edges { node { id name enabled } } pageInfo { hasNextPage } } }`;
const DRY_RUN = `query($eventId: ID!, $ruleId: ID, $rule: NotificationRuleInput) { dryRunNotificationRule(eventId: $eventId, ruleId: $ruleId, rule: $rule) { eventType matched candidates { ruleId recipient channel dropped } escalation { policyId policyName groupId personIds channels delayMinutes } } }`;

const input = (over: Record<string, unknown> = {}) => ({
  name: 'Assigned to my group',
  eventType: 'itsm.incident.assigned.v1',
  conditions: [{ field: 'ticket.priority', operator: 'lte', valueJson: '2' }],
  recipients: [{ kind: 'assignment_group' }],
  channels: ['email', 'in_app'],
  endpoints: [],
  category: 'assignment',
  urgent: false,
  templateId: 'incident-assigned',
  ...over,
});

/** Rules through GraphQL; KnownTemplates, KnownEndpoints, OnCallRoster and DeliveryIntake are other parts' (rulesSpecDoubles over them). */
describe('notification rules through GraphQL', () => {
  const intake = new RecordingIntake();
  let booted: BootedNotificationContext;

  beforeAll(async () => {
    booted = await bootNotificationContext({ providers: rulesSpecDoubles(intake, { templates: ['incident-assigned'], endpoints: ['ops-hook'] }) });
  });
  afterAll(() => booted.close());

  const codeOf = async (variables: Record<string, unknown>) => {
    const answer = await booted.as('n-admin', SAVE, variables);
    return { code: answer.errors?.[0]?.extensions?.['code'], details: answer.errors?.[0]?.extensions?.['details'] };
  };

  it('refuses invalid rules with a code and saves nothing; an agent may not save', async () => {
    expect(await codeOf({ input: input({ eventType: 'itsm.incident.exploded.v1' }) })).toEqual({ code: 'NOTIFICATION.UNKNOWN_EVENT_TYPE', details: { eventType: 'itsm.incident.exploded.v1' } });
    expect(await codeOf({ input: input({ conditions: [{ field: 'event.priority', operator: 'eq', valueJson: '1' }] }) })).toEqual({ code: 'NOTIFICATION.INVALID_CONDITION', details: { field: 'event.priority', operator: 'eq' } });
    expect(await codeOf({ input: input({ templateId: 'no-such-template' }) })).toEqual({ code: 'NOTIFICATION.INVALID_INPUT', details: { field: 'templateId', templateId: 'no-such-template' } });
    expect(await codeOf({ input: input({ endpoints: [{ endpointId: 'no-hook', channel: 'slack' }] }) })).toEqual({ code: 'NOTIFICATION.UNKNOWN_RECIPIENT', details: { endpointIds: 'no-hook' } });
    expect(await codeOf({ input: input({ recipients: [], channels: [] }) })).toEqual({ code: 'NOTIFICATION.INVALID_INPUT', details: { field: 'recipients' } });
    expect((await booted.as('n-alice', SAVE, { input: input() })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await booted.ok('n-admin', RULES, {})).toEqual(BUILT_IN);
  });

  it('saves, lists, switches off and lists the event types with their fields', async () => {
    const saved = await booted.ok<{ id: string; conditions: unknown[]; endpoints: unknown[] }>('n-admin', SAVE, { input: input({ endpoints: [{ endpointId: 'ops-hook', channel: 'slack' }] }) });
    expect(saved).toMatchObject({ enabled: true, conditions: [{ field: 'ticket.priority', operator: 'lte', valueJson: '2' }], endpoints: [{ endpointId: 'ops-hook', channel: 'slack' }] });
    await booted.ok('n-admin', `mutation($id: ID!) { setNotificationRuleEnabled(id: $id, enabled: false) { id } }`, { id: saved.id });
    expect(await booted.ok('n-admin', RULES, { eventType: 'itsm.incident.assigned.v1', enabled: false })).toEqual({ edges: [{ node: { id: saved.id, name: 'Assigned to my group', enabled: false } }], pageInfo: { hasNextPage: false } });
    expect(await booted.ok('n-admin', RULES, { enabled: true })).toEqual(BUILT_IN);
    const types = await booted.ok<{ type: string; fields: { path: string; types: string[] }[] }[]>('n-admin', `{ notificationEventTypes { type topic fields { path types } } }`);
    expect(types.find((t) => t.type === 'itsm.incident.opened.v1')?.fields).toContainEqual({ path: 'priority', types: ['number'] });
    expect(types.some((t) => t.type.startsWith('itsm.cmdb-discovery.'))).toBe(false);
  });

  it('dry-runs a draft over a kept event: who would get what, and why others are dropped', async () => {
    const feed = new IncidentFeed('/itsm/incident', 'n-bob');
    const opened = feed.opened('inc-dry', 1);
    const assigned = feed.assigned('inc-dry', 'g-network');
    await booted.bus.publish('itsm.incident.v1', [opened, assigned]);
    await expectEventually(async () => expect(await booted.app.get(NotifiableEventStore).recorded(assigned.id)).not.toBeNull());
    const draft = input({ recipients: [{ kind: 'assignment_group' }, { kind: 'person', personId: 'n-gone' }], channels: ['email'] });
    const run = await booted.ok<{ matched: boolean; candidates: unknown[] }>('n-admin', DRY_RUN, { eventId: assigned.id, rule: draft });
    expect(run).toEqual({
      eventType: 'itsm.incident.assigned.v1',
      matched: true,
      escalation: null,
      candidates: [
        { ruleId: 'draft', recipient: 'person:n-alice', channel: 'email', dropped: null },
        { ruleId: 'draft', recipient: 'person:n-bob', channel: 'email', dropped: 'actor' },
        { ruleId: 'draft', recipient: 'person:n-carol', channel: 'email', dropped: null },
        { ruleId: 'draft', recipient: 'person:n-gone', channel: 'email', dropped: 'inactive' },
      ],
    });
    const notMatching = await booted.ok('n-admin', DRY_RUN, { eventId: assigned.id, rule: input({ conditions: [{ field: 'ticket.priority', operator: 'gt', valueJson: '3' }] }) });
    expect(notMatching).toEqual({ eventType: 'itsm.incident.assigned.v1', matched: false, candidates: [], escalation: null });
    expect(intake.accepted).toEqual([]);
    expect((await booted.as('n-admin', DRY_RUN, { eventId: 'no-such-event', ruleId: 'r-none' })).errors?.[0]?.extensions?.['code']).toBe('NOTIFICATION.NOT_FOUND');
  });

  it('dry-runs the escalation a rule would start: its policy and whom level 1 would page', async () => {
    await booted.ok('n-admin', `mutation($input: EscalationPolicyInput!) { saveEscalationPolicy(input: $input) { id } }`, {
      input: { id: 'dry-p1', name: 'Dry P1', levels: [{ targets: [{ kind: 'on_call' }, { kind: 'group_manager' }, { kind: 'person', personId: 'n-gone' }], delayMinutes: 10, channels: ['email', 'in_app'] }, { targets: [{ kind: 'person', personId: 'n-carol' }], delayMinutes: 5, channels: ['in_app'] }] },
    });
    const feed = new IncidentFeed('/itsm/incident', 'n-bob');
    const assigned = feed.assigned('inc-dry-escalation', 'g-network');
    await booted.bus.publish('itsm.incident.v1', [feed.opened('inc-dry-escalation', 1), assigned]);
    await expectEventually(async () => expect(await booted.app.get(NotifiableEventStore).recorded(assigned.id)).not.toBeNull());
    const escalating = input({ recipients: [], channels: [], escalationPolicyId: 'dry-p1' });
    const run = await booted.ok('n-admin', DRY_RUN, { eventId: assigned.id, rule: escalating });
    // Level 1: g-network's on-call (n-alice) and manager (n-manager); n-gone is inactive. Level 2 is not paged by a start.
    expect(run).toEqual({
      eventType: 'itsm.incident.assigned.v1',
      matched: true,
      candidates: [],
      escalation: { policyId: 'dry-p1', policyName: 'Dry P1', groupId: 'g-network', personIds: ['n-alice', 'n-manager'], channels: ['email', 'in_app'], delayMinutes: 10 },
    });
    const unknown = await booted.as('n-admin', DRY_RUN, { eventId: assigned.id, rule: { ...escalating, escalationPolicyId: 'no-such-policy' } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOTIFICATION.UNKNOWN_RECIPIENT', details: { escalationPolicyId: 'no-such-policy' } });
    expect(await booted.ok('n-admin', DRY_RUN, { eventId: assigned.id, rule: { ...escalating, conditions: [{ field: 'ticket.priority', operator: 'gt', valueJson: '3' }] } })).toMatchObject({ matched: false, escalation: null });
    expect(intake.accepted).toEqual([]);
  });
});
