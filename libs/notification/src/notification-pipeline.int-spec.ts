import { expectEventually, IncidentFeed, SmtpSink, WebhookReceiver } from '@itsm/testing';
import { NotifiableEventStore } from './application/ports/notifiable-event-store.port';
import { NotificationRuleStore } from './application/ports/notification-rule-store.port';
import { BUILT_IN_TEMPLATE_IDS } from './domain/templates';
import { bootNotificationContext } from './test-fixtures/booted-notification-context';
import type { BootedNotificationContext } from './test-fixtures/booted-notification-context';


interface Saved {
  readonly endpoint: { readonly id: string };
  readonly secret: string | null;
}
const SAVE_ENDPOINT = 'mutation($input: NotificationEndpointInput!, $id: ID) { saveNotificationEndpoint(input: $input, id: $id) { endpoint { id } secret } }';
const INBOX = '{ myNotifications { edges { node { subject ticketNumber read } } } }';
type Inbox = { edges: { node: { subject: string; ticketNumber: string; read: boolean } }[] };

/**
 * The whole context, no part faked: an incident event on the bus -> its rule -> the group's members
 * by mail (a real SMTP server), one signed webhook (a real receiver verifying with the reference
 * library), one inbox entry each; the same event delivered again and again changes nothing.
 */
describe('notification pipeline: rules, planner, templates and delivery together', () => {
  let booted: BootedNotificationContext;
  let sink: SmtpSink;
  let hook: WebhookReceiver;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    booted = await bootNotificationContext({ settings: { smtpUrl: sink.url } });
    const created = await booted.ok<Saved>('n-admin', SAVE_ENDPOINT, { input: { name: 'Ops hook', channel: 'webhook', url: 'http://127.0.0.1:9/unset' } });
    hook = await WebhookReceiver.start(created.secret);
    await booted.ok<Saved>('n-admin', SAVE_ENDPOINT, { input: { name: 'Ops hook', channel: 'webhook', url: hook.url() }, id: created.endpoint.id });
    await booted.app.get(NotificationRuleStore).put({
      id: 'r-pipeline',
      name: 'Incident assigned: the group and the ops hook',
      enabled: true,
      trigger: { eventType: 'itsm.incident.assigned.v1', conditions: [] },
      recipients: [{ kind: 'assignment_group' }],
      channels: ['email', 'in_app'],
      endpoints: [{ endpointId: created.endpoint.id, channel: 'webhook' }],
      category: 'assignment',
      urgent: true,
      templateId: BUILT_IN_TEMPLATE_IDS.event,
    });
  });
  afterAll(async () => {
    await booted.close();
    await sink.close();
    await hook.close();
  });

  it('mails each member once, posts one signed webhook and puts one inbox entry each; five deliveries of the event give the same', async () => {
    const feed = new IncidentFeed('/itsm/incident', 'n-bob');
    const opened = feed.opened('inc-p1', 1);
    const assigned = feed.assigned('inc-p1', 'g-network');
    await booted.bus.publish('itsm.incident.v1', [opened, assigned]);
    // n-bob assigned it: the other members are told, he is not.
    const members = ['n-alice@contoso.example', 'n-carol@contoso.example'];
    await expectEventually(() => expect(members.map((to) => sink.to(to).length)).toEqual([1, 1]));
    await expectEventually(() => expect(hook.verified).toHaveLength(1));
    for (let n = 0; n < 4; n += 1) await booted.bus.publish('itsm.incident.v1', [assigned]);
    // Handled after the redeliveries (one incident, one partition, in order): once it is recorded, they were handled.
    const linked = feed.linked('inc-p1', 'chg-1');
    await booted.bus.publish('itsm.incident.v1', [linked]);
    await expectEventually(async () => expect(await booted.app.get(NotifiableEventStore).recorded(linked.id)).not.toBeNull());

    expect(sink.to('n-bob@contoso.example')).toEqual([]);
    expect(members.map((to) => sink.to(to).length)).toEqual([1, 1]);
    expect(hook.received).toHaveLength(1);
    const mail = sink.to('n-alice@contoso.example')[0]?.parsed;
    expect(mail?.subject).toContain(opened.data.number);
    expect(mail?.messageId).toMatch(/^<d\.[0-9a-f]{24}@itsm\.test>$/);
    expect(mail?.references).toBe('<t.itsm.incident.v1.inc-p1@itsm.test>');
    expect(JSON.parse(hook.received[0]?.body ?? '{}')).toMatchObject({ type: 'itsm.notification', data: { ticket: { id: 'inc-p1' }, items: [{ eventId: assigned.id, eventType: 'itsm.incident.assigned.v1' }] } });
    expect(hook.received[0]?.id).toMatch(/^msg_[0-9a-f]{24}$/);
    const inbox = await booted.ok<Inbox>('n-alice', INBOX);
    expect(inbox.edges.map((e) => e.node)).toEqual([expect.objectContaining({ ticketNumber: opened.data.number, read: false })]);
    expect((await booted.ok<Inbox>('n-bob', INBOX)).edges).toEqual([]);
  });
});
