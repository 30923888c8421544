import { NOTIFICATION_EVENT_TYPES, notificationTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { DirectoryFeed, expectEventually, SmtpSink, WebhookReceiver } from '@itsm/testing';
import { randomUUID } from 'node:crypto';
import { EnabledRules } from './application/enabled-rules';
import { ActiveEndpoints } from './application/ports/endpoint-store.port';
import { NotificationRuleStore } from './application/ports/notification-rule-store.port';
import { NotifiableEventStore } from './application/ports/notifiable-event-store.port';
import { bootNotificationContext } from './test-fixtures/booted-notification-context';
import type { BootedNotificationContext } from './test-fixtures/booted-notification-context';

interface Saved {
  readonly endpoint: { readonly id: string; readonly owner: string | null; readonly contact: string | null };
  readonly secret: string | null;
}
const SAVE = 'mutation($input: NotificationEndpointInput!, $id: ID) { saveNotificationEndpoint(input: $input, id: $id) { endpoint { id owner contact } secret } }';
const TEST = 'mutation($id: ID!) { testNotificationEndpoint(id: $id) { outcome detail } }';
const INBOX = '{ myNotifications { edges { node { subject read } } } }';
type Inbox = { edges: { node: { subject: string; read: boolean } }[] };
const OWNER_MAIL = 'n-admin@contoso.example';
const CONTACT = 'integrations@contoso.example';

/**
 * A 410 from a real receiver, through the whole context: the endpoint is disabled with its
 * `endpoint-disabled` event (outbox), the built-in rule (seeded at start) turns the event into an
 * urgent notice: its owner (who created it: the admin `n-admin`, German) is mailed in their locale
 * and gets an inbox entry, the contact address is mailed; the event is published once, and its
 * redeliveries send nothing more.
 */
describe('a disabled endpoint tells its owner and contact', () => {
  let booted: BootedNotificationContext;
  let sink: SmtpSink;
  let hook: WebhookReceiver | undefined;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    booted = await bootNotificationContext({ settings: { smtpUrl: sink.url } });
    const feed = new DirectoryFeed();
    await booted.projectDirectory(feed.person({ personId: 'n-admin', userName: 'n-admin', displayName: 'Ada Admin', organisationId: 'contoso', locale: 'de', timeZone: 'Europe/Berlin', emails: [{ value: OWNER_MAIL, type: 'work', primary: true }] }));
  });
  afterAll(async () => {
    await booted.close();
    await sink.close();
    await hook?.close();
  });

  it('disables it on a 410, mails the owner once in German with an inbox entry and the contact once; a redelivered event sends nothing more', async () => {
    const created = await booted.ok<Saved>('n-admin', SAVE, { input: { name: 'Ops bridge', channel: 'webhook', url: 'http://127.0.0.1:9/unset', contact: ` ${CONTACT} ` } });
    expect(created.endpoint).toMatchObject({ owner: 'n-admin', contact: CONTACT });
    const receiver = await WebhookReceiver.start(created.secret);
    hook = receiver;
    const id = created.endpoint.id;
    const moved = await booted.ok<Saved>('n-admin', SAVE, { input: { name: 'Ops bridge', channel: 'webhook', url: receiver.url() }, id });
    expect(moved.endpoint.contact).toBe(CONTACT);
    receiver.answer(410);
    // An admin retargets the built-in rule at the endpoint itself too: it is disabled by then, so it gets nothing.
    const rules = booted.app.get(NotificationRuleStore);
    const builtIn = await rules.byId('builtin.endpoint-disabled');
    if (builtIn === null) throw new Error('the built-in rule was not seeded at start');
    await rules.put({ ...builtIn, endpoints: [{ endpointId: id, channel: 'webhook' }] });
    booted.app.get(EnabledRules).forget();

    await expect(booted.ok('n-admin', TEST, { id })).resolves.toEqual({ outcome: 'disabled', detail: 'gone (HTTP 410: no)' });
    await expect(booted.app.get(ActiveEndpoints).isActive(id)).resolves.toBe(false);
    await expectEventually(() => expect([sink.to(OWNER_MAIL).length, sink.to(CONTACT).length]).toEqual([1, 1]));
    const disabled = booted.published.filter((e) => e.type === NOTIFICATION_EVENT_TYPES.endpointDisabled && e.subject === id);
    expect(disabled).toHaveLength(1);

    const owner = sink.to(OWNER_MAIL)[0]?.parsed;
    expect(owner?.subject).toBe('[Endpunkt deaktiviert] Ops bridge (webhook)');
    expect(owner?.text).toContain('Hallo Ada Admin');
    expect(owner?.text).toContain('gone (HTTP 410: no)');
    expect(owner?.text).toContain(`https://portal.itsm.test/admin/notification-endpoints/${id}`);
    expect(sink.to(CONTACT)[0]?.parsed.subject).toBe('[Endpoint disabled] Ops bridge (webhook)');
    await expectEventually(async () => expect((await booted.ok<Inbox>('n-admin', INBOX)).edges.map((e) => e.node)).toEqual([{ subject: '[Endpunkt deaktiviert] Ops bridge (webhook)', read: false }]));

    const event = disabled[0] as EventEnvelope;
    for (let n = 0; n < 3; n += 1) await booted.bus.publish(notificationTopic.name, [event]);
    // Handled after the redeliveries (same key, one partition, in order): once it is recorded, they were.
    const marker: EventEnvelope = { ...event, id: randomUUID(), sequence: (event.sequence ?? 0) + 1, data: { ...(event.data as object), ownerUserName: null, contact: null } };
    await booted.bus.publish(notificationTopic.name, [marker]);
    await expectEventually(async () => expect(await booted.app.get(NotifiableEventStore).recorded(marker.id)).not.toBeNull());
    expect([sink.to(OWNER_MAIL).length, sink.to(CONTACT).length]).toEqual([1, 1]);
    expect((await booted.ok<Inbox>('n-admin', INBOX)).edges).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });

  it('refuses a contact that is no mail address with a code, and clears it when saved empty', async () => {
    const created = await booted.ok<Saved>('n-admin', SAVE, { input: { name: 'Chat', channel: 'slack', url: 'https://hooks.example.com/services/T/B/x', contact: CONTACT } });
    const refused = await booted.as('n-admin', SAVE, { input: { name: 'Chat', channel: 'slack', url: 'https://hooks.example.com/services/T/B/x', contact: 'not an address' }, id: created.endpoint.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOTIFICATION.INVALID_INPUT', details: { field: 'contact' } });
    const cleared = await booted.ok<Saved>('n-admin', SAVE, { input: { name: 'Chat', channel: 'slack', url: 'https://hooks.example.com/services/T/B/x', contact: '' }, id: created.endpoint.id });
    expect(cleared.endpoint).toMatchObject({ owner: 'n-admin', contact: null });
  });
});
