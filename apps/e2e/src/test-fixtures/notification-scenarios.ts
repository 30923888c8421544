import { directoryTopic, incidentTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { DirectoryFeed } from '@itsm/testing';
import type { WebhookReceiver } from '@itsm/testing';
import { bounceOf, mailsAbout, messageIds, outOfOffice, personalReply, sendInbound } from './notification-mail';
import { address, contosoPeople, eventually, succeeding, webhookEndpoint } from './notification-suite';
import type { NotificationSuite } from './notification-suite';

// Person ids are the directory's userNames (the token subjects), so a member's token reads their own inbox.
const [ANN, BEN, CAT] = ['n-e2e-ann', 'n-e2e-ben', 'n-e2e-cat'];
const GROUP = 'g-e2e-notify';
const EVENT_TEMPLATE = 'builtin.event';
const rule = (name: string, eventType: string, channels: string[], endpoints: { endpointId: string; channel: string }[] = []) => ({
  name, eventType, conditions: [], recipients: [{ kind: 'assignment_group' }], channels, endpoints, category: 'assignment', urgent: true, templateId: EVENT_TEMPLATE,
});
const SAVE_RULE = 'mutation($input: NotificationRuleInput!) { saveNotificationRule(input: $input) { id } }';
const DRY_RUN = 'query($eventId: ID!, $rule: NotificationRuleInput) { dryRunNotificationRule(eventId: $eventId, rule: $rule) { candidates { recipient dropped } } }';
const INBOX = '{ myNotifications { edges { node { ticketNumber } } } }';
const DELIVERIES = 'query($ticketId: ID!) { notificationDeliveries(ticketId: $ticketId) { edges { node { recipient channel state reason messageId } } } }';
type Delivery = { recipient: string; channel: string; state: string; reason: string | null; messageId: string | null };

/**
 * Issue 16's acceptance on the built services: an admin's rules through the gateway, the group from
 * the directory's stream, an incident assigned through the gateway; mail to a real SMTP server,
 * webhooks to a real receiver verifying Standard Webhooks signatures, replies to the inbound listener.
 */
export function notificationScenarios(suite: NotificationSuite): void {
  let hook: WebhookReceiver;
  let incidentEvents: EventEnvelope[];
  const ok = succeeding(suite);
  const mailCounts = (incidentId: string, people: string[]) => people.map((person) => mailsAbout(suite.sink(), address(person), incidentId).length);
  const hooksAbout = (incidentId: string) => hook.verified.filter((request) => (JSON.parse(request.body) as { data: { ticket: { id: string } } }).data.ticket.id === incidentId);
  const inbox = async (person: string, number: string) =>
    (await ok<{ edges: { node: { ticketNumber: string } }[] }>(await suite.token(person, ['agent']), INBOX)).edges.filter((edge) => edge.node.ticketNumber === number).length;

  /** Cat (a member, so never told of her own act) opens an incident and assigns it to the group, once the notification service knows its members. */
  async function openAndAssign(title: string): Promise<{ id: string; number: string }> {
    const cat = await suite.token(CAT, ['agent']);
    const opened = await ok<{ id: string; number: string }>(cat, `mutation { openIncident(input: { title: "${title}", impact: 2, urgency: 2 }) { id number } }`);
    const event = await eventually(() => incidentEvents.find((e) => e.subject === opened.id) ?? Promise.reject(new Error(`${opened.id} not on the topic yet`)));
    // The notification service follows the directory on its own: a dry run over the opened event shows its members (with addresses).
    const probe = { ...rule('probe', 'itsm.incident.opened.v1', ['email']), recipients: [{ kind: 'group', groupId: GROUP }] };
    const candidates = { candidates: [ANN, BEN, CAT].map((p) => ({ recipient: `person:${p}`, dropped: p === CAT ? 'actor' : null })) };
    await eventually(async () => expect(await ok(await suite.token('n-e2e-admin', ['notification-admin']), DRY_RUN, { eventId: event.id, rule: probe })).toEqual(candidates));
    // Retried until the incident service's own directory projection knows the group (a refused assignment writes nothing).
    await eventually(() => ok(cat, 'mutation($i: AssignIncidentInput!) { assignIncident(input: $i) { id } }', { i: { id: opened.id, groupId: GROUP } }));
    return opened;
  }

  describe('notifications', () => {
    beforeAll(async () => {
      const people = new DirectoryFeed();
      await suite.produce(directoryTopic.name, [
        ...contosoPeople(people, [ANN, BEN, CAT]),
        people.group({ groupId: GROUP, name: 'Notified desk', kind: 'assignment', organisationId: 'contoso', roles: ['agent'] }),
        people.membersAdded(GROUP, [ANN, BEN, CAT]),
      ]);
      incidentEvents = await suite.readTopic(incidentTopic.name, (envelope) => envelope.type.startsWith('itsm.incident.'));
      // The admin's webhook endpoint (its secret answered once, for the receiver), then the rules: an assignment tells the group by
      // mail and in the app and posts to the endpoint; a note tells the group by mail.
      const admin = await suite.token('n-e2e-admin', ['notification-admin']);
      const created = await webhookEndpoint(suite, admin, 'E2E ops hook');
      hook = created.receiver;
      await ok(admin, SAVE_RULE, { input: rule('Assigned: the group and the ops hook', 'itsm.incident.assigned.v1', ['email', 'in_app'], [{ endpointId: created.endpointId, channel: 'webhook' }]) });
      await ok(admin, SAVE_RULE, { input: rule('Noted: the group', 'itsm.incident.note-added.v1', ['email']) });
    });
    afterAll(() => hook.close());

    it('an assignment mails each member once, posts one signed webhook and fills each inbox; five redeliveries and a SIGKILL between claim and send add no message', async () => {
      const first = await openAndAssign('Core switch down');
      await eventually(() => expect(mailCounts(first.id, [ANN, BEN, CAT])).toEqual([1, 1, 0]));
      await eventually(() => expect(hooksAbout(first.id)).toHaveLength(1));
      expect(await Promise.all([ANN, BEN, CAT].map((p) => inbox(p, first.number)))).toEqual([1, 1, 0]);

      // The same assigned event five more times on the topic; a note after them (same key, same partition) is mailed once they were handled.
      const assigned = await eventually(() => incidentEvents.find((e) => e.subject === first.id && e.type === 'itsm.incident.assigned.v1') ?? Promise.reject(new Error('not read yet')));
      await suite.produce(incidentTopic.name, Array.from({ length: 5 }, () => assigned));
      await ok(await suite.token(CAT, ['agent']), 'mutation($i: AddNoteInput!) { addIncidentNote(input: $i) { id } }', { i: { id: first.id, kind: 'comment', body: 'Replacement ordered' } });
      await eventually(() => expect(mailCounts(first.id, [ANN, BEN, CAT])).toEqual([2, 2, 0]));
      expect(hooksAbout(first.id)).toHaveLength(1);
      expect(await Promise.all([ANN, BEN].map((p) => inbox(p, first.number)))).toEqual([1, 1]);

      // The relay takes both mails and never answers: claimed, in flight, when the service is SIGKILLed; restarted, it resends after the lease.
      suite.sink().behave({ kind: 'hang' }, { kind: 'hang' });
      const second = await openAndAssign('Uplink flapping');
      await eventually(() => expect(mailCounts(second.id, [ANN, BEN])).toEqual([1, 1]));
      await suite.crashAndRestartNotification();
      await eventually(() => expect(mailCounts(second.id, [ANN, BEN])).toEqual([2, 2]));
      const ids = [ANN, BEN].map((p) => messageIds(mailsAbout(suite.sink(), address(p), second.id)));
      expect(ids.map((one) => one.length)).toEqual([1, 1]);
      expect(new Set(hooksAbout(second.id).map((request) => request.id)).size).toBe(1);
      const admin = await suite.token('n-e2e-admin', ['notification-admin']);
      const deliveries = await eventually(async () => {
        const found = (await ok<{ edges: { node: Delivery }[] }>(admin, DELIVERIES, { ticketId: second.id })).edges.map((e) => e.node).filter((d) => d.channel === 'email');
        expect(found.map((d) => d.state)).toEqual(['sent', 'sent']);
        return found;
      });
      expect(deliveries.map((d) => [d.recipient, d.messageId]).sort()).toEqual([[`person:${ANN}`, ids[0]![0]], [`person:${BEN}`, ids[1]![0]]]);
    });

    it('a reply to the mail becomes the member\'s comment; an out-of-office answer and a bounce do not; the replier is not told of her own comment', async () => {
      const third = await openAndAssign('Printer queue stuck');
      await eventually(() => expect(mailCounts(third.id, [ANN, BEN])).toEqual([1, 1]));
      const [annMail, benMail] = [ANN, BEN].map((p) => mailsAbout(suite.sink(), address(p), third.id)[0]!);
      await sendInbound(suite.inboundPort(), outOfOffice(benMail!, address(BEN)));
      await sendInbound(suite.inboundPort(), bounceOf(benMail!));
      await sendInbound(suite.inboundPort(), personalReply(annMail!, address(ANN), 'Cleared the queue, printing again.'));

      // Replies are keyed by the incident: had the automatic answers become comments, they would stand before Ann's.
      const ann = await suite.token(ANN, ['agent']);
      const notes = async () => (await ok<{ notes: unknown[] }>(ann, 'query($id: ID!) { incident(id: $id) { notes { kind body authorId } } }', { id: third.id })).notes;
      await eventually(async () => expect(await notes()).toEqual([{ kind: 'comment', body: 'Cleared the queue, printing again.', authorId: ANN }]));
      // Ben and Cat are told of Ann's comment; Ann is not (her own act).
      await eventually(() => expect(mailCounts(third.id, [BEN, CAT])).toEqual([2, 1]));
      expect(mailCounts(third.id, [ANN])).toEqual([1]);
      // The bounce failed Ben's delivery (its VERP address named it).
      const admin = await suite.token('n-e2e-admin', ['notification-admin']);
      const deliveries = (await ok<{ edges: { node: Delivery }[] }>(admin, DELIVERIES, { ticketId: third.id })).edges.map((e) => e.node);
      expect(deliveries.filter((d) => d.messageId === benMail!.parsed.messageId).map((d) => [d.state, d.reason])).toEqual([['failed', expect.stringMatching(/bounced 5\.1\.1: 550 5\.1\.1 <n-e2e-ben@contoso\.example>/)]]);
    });
  });
}
