import { directoryTopic } from '@itsm/contracts';
import { DirectoryFeed, expectEventually } from '@itsm/testing';
import type { WebhookReceiver } from '@itsm/testing';
import { mailsAbout } from './notification-mail';
import { address, contosoPeople, eventually, refusal, succeeding, webhookEndpoint } from './notification-suite';
import type { NotificationSuite } from './notification-suite';

// The on-call person (the group's only member, alone in its rotation: on call at any instant), the group's manager, the dispatcher who opens.
const [ONCALL, MANAGER, DISPATCHER] = ['n-e2e-oncall', 'n-e2e-manager', 'n-e2e-dispatcher'];
// Their group, its escalation policy, and the title the probe rule posts the partner hooks about.
const [GROUP, POLICY, PROBE_TITLE] = ['g-e2e-oncall', 'e2e-p1-oncall', 'Webhook probe: partner feeds'];
// The endpoint breaker's volume threshold (application/endpoint-delivery-policy.ts): this many failed calls in its window open it.
const BREAKER_VOLUME = 5;
const SAVE_SCHEDULE = 'mutation($input: OnCallScheduleInput!) { saveOnCallSchedule(input: $input) { id } }';
const SAVE_POLICY = 'mutation($input: EscalationPolicyInput!) { saveEscalationPolicy(input: $input) { id } }';
const SAVE_RULE = 'mutation($input: NotificationRuleInput!) { saveNotificationRule(input: $input) { id } }';
const SAVE_TEMPLATE = 'mutation($input: NotificationTemplateInput!) { saveNotificationTemplate(input: $input) { id } }';
const RULES = '{ notificationRules(first: 200) { edges { node { id name } } } }';
const ESCALATIONS = 'query($ticketId: ID!) { escalations(ticketId: $ticketId) { id state level acknowledgedBy paged { level personIds nextLevelAt } } }';
const ACKNOWLEDGE = 'mutation($id: ID!) { acknowledgeEscalation(id: $id) { state acknowledgedBy } }';
const ENDPOINTS = '{ notificationEndpoints(first: 200) { edges { node { id enabled disabledReason } } } }';
const DELIVERIES = 'query($ticketId: ID!) { notificationDeliveries(ticketId: $ticketId) { edges { node { recipient state reason nextAttemptAt lastOutcome { outcome detail } } } } }';
type Escalation = { id: string; state: string; level: number; acknowledgedBy: string | null; paged: { level: number; personIds: string[]; nextLevelAt: string }[] };
type Delivery = { recipient: string; state: string; reason: string | null; nextAttemptAt: string | null; lastOutcome: { outcome: string; detail: string } | null };

/** A rule on an opened incident: no one on a channel, only its action (an escalation policy or endpoints). */
const openedRule = (name: string, over: Record<string, unknown>) => ({ name, eventType: 'itsm.incident.opened.v1', conditions: [], recipients: [], channels: [], endpoints: [], category: 'major_incident', urgent: true, templateId: 'builtin.event', ...over });

/**
 * Issue 16's acceptance on the built services, continued: a P1 escalates from the on-call person to
 * the group's manager after the policy's minute, exactly once across a SIGKILL and restart, while an
 * acknowledged one stops; rules with an unknown event type or template variable are refused; a
 * webhook answering 410 is disabled and one answering 503 retries, opens its breaker after five
 * failed calls and delivers once it closes again. The checks that need no timer
 * run while the manager's page falls due.
 */
export function notificationEscalationScenarios(suite: NotificationSuite): void {
  const ok = succeeding(suite);
  let gone: { endpointId: string; receiver: WebhookReceiver };
  let failing: { endpointId: string; receiver: WebhookReceiver };
  /** The pages (level 1 or 2: the on-call page template, subject `[<number>] [On call] ...`) a person got about an incident. */
  const pages = (person: string, incidentId: string) => mailsAbout(suite.sink(), address(person), incidentId).filter((mail) => (mail.parsed.subject ?? '').includes('[On call]'));
  const escalationOf = async (bearer: string, ticketId: string) => (await ok<Escalation[]>(bearer, ESCALATIONS, { ticketId }))[0];

  describe('notifications: on-call escalation, refused rules, failing endpoints', () => {
    beforeAll(async () => {
      const people = new DirectoryFeed();
      await suite.produce(directoryTopic.name, [
        ...contosoPeople(people, [ONCALL, MANAGER, DISPATCHER]),
        people.group({ groupId: GROUP, name: 'Network on call', kind: 'assignment', organisationId: 'contoso', managerId: MANAGER, roles: ['agent'] }),
        people.membersAdded(GROUP, [ONCALL]),
      ]);
      const admin = await suite.token('n-e2e-admin', ['notification-admin']);
      // Retried until the notification service's directory projection knows the group and its people (a refused save writes nothing).
      const rotation = { handoffMinute: 0, startDate: '2020-01-06', lengthDays: 7, members: [ONCALL] };
      await eventually(() => ok(admin, SAVE_SCHEDULE, { input: { id: 'e2e-oncall-rota', groupId: GROUP, zone: 'Europe/Zurich', rotations: [rotation], overrides: [] } }));
      const level = (kind: string) => ({ targets: [{ kind }], delayMinutes: 1, channels: ['email'] });
      await ok(admin, SAVE_POLICY, { input: { id: POLICY, name: 'P1: on call, then the manager', levels: [level('on_call'), level('group_manager')] } });
      await ok(admin, SAVE_RULE, { input: openedRule('P1 opened: escalate', { conditions: [{ field: 'event.priority', operator: 'eq', valueJson: '1' }], escalationPolicyId: POLICY }) });
      [gone, failing] = [await webhookEndpoint(suite, admin, 'E2E gone hook'), await webhookEndpoint(suite, admin, 'E2E failing hook')];
      const endpoints = [gone, failing].map((hook) => ({ endpointId: hook.endpointId, channel: 'webhook' }));
      await ok(admin, SAVE_RULE, { input: openedRule('Probe opened: the partner hooks', { conditions: [{ field: 'event.title', operator: 'eq', valueJson: JSON.stringify(PROBE_TITLE) }], endpoints }) });
    });
    afterAll(() => Promise.all([gone.receiver.close(), failing.receiver.close()]));

    /** The dispatcher opens an incident through the gateway (for the group: retried until the incident service knows it). */
    async function open(title: string, impact: number, groupId: string | null): Promise<{ id: string }> {
      const dispatcher = await suite.token(DISPATCHER, ['agent']);
      const input = { title, impact, urgency: impact, ...(groupId === null ? {} : { assignmentGroupId: groupId }) };
      return eventually(() => ok<{ id: string }>(dispatcher, 'mutation($i: OpenIncidentInput!) { openIncident(input: $i) { id } }', { i: input }));
    }

    /** A rule naming an unknown event type, a template reading a variable incidents lack, or a template reading what its event type lacks: refused, no rule saved. */
    async function refusedRules(admin: string): Promise<void> {
      const before = await ok(admin, RULES);
      const exploded = openedRule('Exploded', { eventType: 'itsm.incident.exploded.v1', escalationPolicyId: POLICY });
      expect(await refusal(suite, admin, SAVE_RULE, { input: exploded })).toEqual({ code: 'NOTIFICATION.UNKNOWN_EVENT_TYPE', details: { eventType: 'itsm.incident.exploded.v1' } });
      const template = { id: 'e2e-blast-radius', name: 'Blast radius', eventTypes: ['itsm.incident.opened.v1'], variants: [{ locale: 'en', subject: 'P{{ event.priority }}', text: 'Radius {{ event.blastRadius }}' }] };
      expect(await refusal(suite, admin, SAVE_TEMPLATE, { input: template })).toEqual({ code: 'NOTIFICATION.UNKNOWN_TEMPLATE_VARIABLE', details: { variable: 'event.blastRadius', locale: 'en', part: 'text' } });
      expect(await ok(admin, '{ notificationTemplate(id: "e2e-blast-radius") { id } }')).toBeNull();
      const reading = openedRule('Blast radius', { templateId: template.id, escalationPolicyId: POLICY });
      expect(await refusal(suite, admin, SAVE_RULE, { input: reading })).toEqual({ code: 'NOTIFICATION.INVALID_INPUT', details: { field: 'templateId', templateId: template.id } });
      // A template rightly written for assignments, named by a rule on notes (which have no assignee): refused, not failing at send.
      const assignee = { id: 'e2e-assignee', name: 'To the assignee', eventTypes: ['itsm.incident.assigned.v1'], variants: [{ locale: 'en', subject: 'For {{ event.assigneeId }}', text: '{{ ticket.title }}' }] };
      await ok(admin, SAVE_TEMPLATE, { input: assignee });
      const noted = openedRule('Noted: to the assignee', { eventType: 'itsm.incident.note-added.v1', templateId: assignee.id, escalationPolicyId: POLICY });
      expect(await refusal(suite, admin, SAVE_RULE, { input: noted })).toEqual({ code: 'NOTIFICATION.UNKNOWN_TEMPLATE_VARIABLE', details: { variable: 'event.assigneeId', locale: 'en', part: 'subject' } });
      expect(await ok(admin, RULES)).toEqual(before);
    }

    /** The failing hook's delivery about a probe incident (the probe rule posts to both hooks). */
    async function failingDelivery(admin: string, probeId: string): Promise<Delivery | undefined> {
      const deliveries = (await ok<{ edges: { node: Delivery }[] }>(admin, DELIVERIES, { ticketId: probeId })).edges.map((e) => e.node);
      return deliveries.find((d) => d.recipient === `endpoint:${failing.endpointId}`);
    }

    /**
     * Probe incidents the rule posts to both hooks: the one answering 410 is disabled with its reason
     * (and called no more); the one answering 503 five times retries, its breaker opens (five failed
     * calls: a delivery then fails with no call made), and once the breaker lets a call through again
     * every probe's webhook arrives, each under its one webhook-id.
     */
    async function failingEndpoints(admin: string): Promise<void> {
      gone.receiver.answer(410);
      failing.receiver.answer(...Array.from({ length: BREAKER_VOLUME }, () => 503));
      const probes = [await open(PROBE_TITLE, 3, null)];
      await eventually(async () => {
        const endpoints = (await ok<{ edges: { node: { id: string; enabled: boolean; disabledReason: string | null } }[] }>(admin, ENDPOINTS)).edges.map((e) => e.node);
        expect(endpoints.find((e) => e.id === gone.endpointId)).toEqual({ id: gone.endpointId, enabled: false, disabledReason: expect.stringContaining('410') });
      });
      const retrying = await eventually(async () => {
        const found = await failingDelivery(admin, probes[0]!.id);
        expect(found).toMatchObject({ state: 'retrying', lastOutcome: { outcome: 'retry', detail: expect.stringContaining('503') } });
        return found!;
      });
      expect(Date.parse(retrying.nextAttemptAt ?? '')).toBeGreaterThan(Date.now() - 1_000);
      // One probe at a time until one fails without a call: the breaker opened on the fifth 503 (a first probe's retry may be one of them).
      let opened = false;
      while (!opened) {
        expect(probes.length).toBeLessThanOrEqual(BREAKER_VOLUME + 1);
        const probe = await open(PROBE_TITLE, 3, null);
        probes.push(probe);
        const outcome = await eventually(async () => {
          const found = await failingDelivery(admin, probe.id);
          expect(found?.lastOutcome).toBeTruthy();
          return found!.lastOutcome!;
        });
        opened = outcome.detail.includes('breaker open');
        if (!opened) expect(outcome.detail).toContain('503');
      }
      expect(failing.receiver.verified.map((r) => r.status)).toEqual(Array.from({ length: BREAKER_VOLUME }, () => 503));
      // Retried later: each probe's webhook answered 200 once, under the id every attempt of it carried.
      await expectEventually(async () => {
        const states = await Promise.all(probes.map(async (probe) => (await failingDelivery(admin, probe.id))?.state));
        expect(states).toEqual(probes.map(() => 'sent'));
      }, { timeoutMs: 150_000, intervalMs: 500 });
      // Distinct ids (a resend after a lease ran out would carry the same one, which the receiver drops).
      expect(new Set(failing.receiver.verified.filter((r) => r.status === 200).map((r) => r.id)).size).toBe(probes.length);
      expect(gone.receiver.verified.map((r) => r.status)).toEqual([410]);
    }

    it('a P1 pages the on-call person, then the manager exactly once across a SIGKILL and restart; an acknowledged one stops; refused rules save nothing; 410 disables, 503 retries, five open the breaker, retried later', async () => {
      const admin = await suite.token('n-e2e-admin', ['notification-admin']);
      const oncall = await suite.token(ONCALL, ['agent']);
      // Opened one after the other: the acknowledged one's level 2 falls due before the escalating one's.
      const acknowledged = await open('Storage array degraded', 1, GROUP);
      const escalating = await open('Core router down', 1, GROUP);
      await eventually(() => expect([acknowledged, escalating].map((t) => pages(ONCALL, t.id).length)).toEqual([1, 1]));
      const stopped = await ok<{ state: string; acknowledgedBy: string }>(oncall, ACKNOWLEDGE, { id: (await escalationOf(oncall, acknowledged.id))!.id });
      expect(stopped).toEqual({ state: 'acknowledged', acknowledgedBy: ONCALL });

      // Nobody acknowledges the other; the service dies and comes back before its level 2 is due.
      await suite.crashAndRestartNotification();
      const managerPaged = expectEventually(() => expect(pages(MANAGER, escalating.id)).toHaveLength(1), { timeoutMs: 150_000, intervalMs: 200 });
      await Promise.all([managerPaged, refusedRules(admin), failingEndpoints(admin)]);
      const arrivedAt = Date.now();
      // A short settle: a second page, were one to be sent, would arrive within it.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect([pages(MANAGER, escalating.id).length, pages(ONCALL, escalating.id).length]).toEqual([1, 1]);
      const after = await escalationOf(oncall, escalating.id);
      // Paging until level 2's own minute ends, exhausted after it (the checks above may outlast it).
      expect(after).toMatchObject({ state: expect.stringMatching(/^(paging|exhausted)$/), level: 2, acknowledgedBy: null, paged: [{ level: 1, personIds: [ONCALL] }, { level: 2, personIds: [MANAGER] }] });
      // The acknowledged one's level 2 was due before the other's arrived: it never came.
      const held = await escalationOf(oncall, acknowledged.id);
      expect(held).toMatchObject({ state: 'acknowledged', level: 1, acknowledgedBy: ONCALL });
      expect(Date.parse(held!.paged[0]!.nextLevelAt)).toBeLessThan(arrivedAt);
      expect(pages(MANAGER, acknowledged.id)).toHaveLength(0);
    }, 240_000);
  });
}
