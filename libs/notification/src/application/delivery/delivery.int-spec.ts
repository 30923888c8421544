import { NOTIFICATION_EVENT_TYPES } from '@itsm/contracts';
import { SmtpSink, expectEventually } from '@itsm/testing';
import type { Notice, PersonRecipient } from '../../domain';
import { claimedDelivery } from '../../domain/delivery';
import { deliveryId } from '../delivery-id';
import { DeliveryIntake, DeliveryRecords } from '../ports';
import { SignedTokens } from '../signed-tokens';
import { DeliverySendQueue } from './delivery-send-queue';
import { DeliveryStore } from './delivery-store.port';
import { bootDeliveryContext } from './test-fixtures/booted-delivery-context';

const person = (id: string): PersonRecipient => ({ kind: 'person', personId: id, displayName: id, email: `${id}@contoso.example`, locale: 'en', timeZone: 'UTC', chatHandle: null });
const alice = person('n-alice');
const bob = person('n-bob');
const ticket = { topic: 'itsm.incident.v1', id: 'inc-42', number: 'INC0000042', title: 'Core router down', link: 'https://portal.itsm.test/incidents/inc-42', rootId: 'inc-42' };
const notice = (key: string, recipient: PersonRecipient, channel: Notice['channel'] = 'email'): Notice => ({
  key,
  recipient,
  channel,
  category: 'assignment',
  urgent: false,
  templateId: 'incident-assigned',
  items: [{ ruleId: 'r-assigned', templateId: 'incident-assigned', ticket, event: { id: key, topic: 'itsm.incident.v1', type: 'itsm.incident.assigned.v1', source: 'incident', subject: 'inc-42', sequence: 2, time: new Date().toISOString(), data: {}, actorId: 'n-caller', causationId: null, correlationId: null } }],
});
const header = (mail: SmtpSink['mails'][number], name: string): unknown => mail.parsed.headers.get(name);

/**
 * The delivery part on the MongoDB peer and a real SMTP server: a notice mailed once with its
 * threading, reply, bounce and auto-reply headers however often it is accepted; a claim whose
 * sender died resent by the sweeper with the same Message-ID; 451 retried, 550 failed; the in-app
 * inbox through GraphQL, each person seeing only their own.
 */
describe('notification delivery on the peers', () => {
  let sink: SmtpSink;
  let booted: Awaited<ReturnType<typeof bootDeliveryContext>>;
  let intake: DeliveryIntake;
  let store: DeliveryStore;
  /** accept(), then this process's send queue drained (accept waits for no send). */
  const acceptAndSend = async (notices: readonly Notice[], now: number): Promise<void> => {
    await intake.accept(notices, now);
    await booted.app.get(DeliverySendQueue).idle();
  };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    booted = await bootDeliveryContext({ smtpUrl: sink.url });
    intake = booted.app.get(DeliveryIntake);
    store = booted.app.get(DeliveryStore);
  });
  afterAll(async () => {
    await booted?.close();
    await sink?.close();
  });

  it('mails a notice once with the threading, reply, bounce and auto-reply headers, however often and concurrently it is accepted', async () => {
    const n = notice('evt-mail-1', alice);
    await Promise.all([1, 2, 3, 4, 5].map(() => acceptAndSend([n], Date.now())));
    for (let i = 0; i < 5; i += 1) await acceptAndSend([n], Date.now());
    const id = deliveryId('evt-mail-1', alice, 'email');
    const mails = sink.to(alice.email as string);
    expect(mails).toHaveLength(1);
    const [mail] = mails as [SmtpSink['mails'][number]];
    expect(mail.parsed.messageId).toBe(`<d.${id}@itsm.test>`);
    expect(mail.parsed.inReplyTo).toBe('<t.itsm.incident.v1.inc-42@itsm.test>');
    expect(mail.parsed.references).toBe('<t.itsm.incident.v1.inc-42@itsm.test>');
    expect(mail.parsed.subject).toBe('[INC0000042] Assigned: Core router down');
    const replyTo = mail.parsed.replyTo?.value[0]?.address ?? '';
    const token = /^reply\+(.+)@itsm\.test$/.exec(replyTo)?.[1] ?? '';
    expect(new SignedTokens('spec-notification-signing-secret-0123456789abcdef').verify('reply', token)).toBe(id);
    expect(mail.from).toBe(`bounce+${id}@itsm.test`);
    expect(mail.envelopeId).toBe(id);
    expect(header(mail, 'auto-submitted')).toBe('auto-generated');
    expect(header(mail, 'x-auto-response-suppress')).toBe('All');
    expect(header(mail, 'x-itsm-delivery')).toBe(id);
    expect(mail.parsed.text).toContain('Core router down');
    expect(mail.parsed.html).toContain('<p>Core router down</p>');
    expect(await store.find(id)).toMatchObject({ state: 'sent', attempts: 1 });

    const records = booted.app.get(DeliveryRecords);
    expect(await records.find(id)).toMatchObject({ deliveryId: id, channel: 'email', ticket: { id: 'inc-42' } });
    await records.recordBounce(id, 'bounced 5.1.1: user unknown', Date.now());
    await records.recordBounce(id, 'bounced 5.1.1: again', Date.now());
    expect(await store.find(id)).toMatchObject({ state: 'failed', reason: 'bounced 5.1.1: user unknown' });
  });

  it('claims a batch in one unordered insert: ids claimed before (here, or by a concurrent batch) are not this call\'s', async () => {
    const now = Date.now();
    const claim = (key: string, to: PersonRecipient) => claimedDelivery(deliveryId(key, to, 'email'), notice(key, to), { kind: 'suppress', reason: 'preference_off' }, now);
    const [first, second, third] = [claim('evt-batch-1', alice), claim('evt-batch-2', alice), claim('evt-batch-3', bob)] as const;
    expect(await store.claimMany([second])).toEqual(new Set([second.id]));
    expect(await store.claimMany([first, second, third])).toEqual(new Set([first.id, third.id]));
    const racing = [claim('evt-batch-4', alice), claim('evt-batch-5', bob)];
    const answers = await Promise.all([store.claimMany(racing), store.claimMany([...racing].reverse()), store.claimMany([])]);
    expect(answers.flatMap((claimed) => [...claimed]).sort()).toEqual(racing.map((d) => d.id).sort());
  });

  it('settles a batch in one unordered bulkWrite, each only while it is still under the lease its attempt held (owner and expiry)', async () => {
    const now = Date.now();
    const message = { locale: 'en', subject: 's', text: 't', html: null };
    const sending = (key: string, owner: string) => claimedDelivery(deliveryId(key, alice, 'email'), notice(key, alice), { kind: 'send', message, messageId: `<${key}@itsm.test>`, lease: { owner, until: now + 60_000 } }, now);
    const [mine, theirs] = [sending('evt-settle-1', 'replica-a'), sending('evt-settle-2', 'replica-b')];
    await store.claimMany([mine, theirs]);
    const sent = (d: typeof mine) => ({ recorded: { ...d, state: 'sent' as const, attempts: 1, lease: null }, held: { owner: 'replica-a', until: now + 60_000 } });
    const expiredLease = { ...sent(mine), held: { owner: 'replica-a', until: now + 1 } };
    expect(await store.settleMany([expiredLease, sent(theirs)])).toBe(0);
    expect(await store.settleMany([sent(mine), sent(theirs)])).toBe(1);
    expect(await store.settleMany([])).toBe(0);
    expect(await store.find(mine.id)).toMatchObject({ state: 'sent', attempts: 1, lease: null });
    expect(await store.find(theirs.id)).toMatchObject({ state: 'sending', attempts: 0, lease: { owner: 'replica-b' } });
  });

  it('takes due deliveries in batches, each by one taker only when two race, under the taker\'s lease', async () => {
    // An hour ahead: this app's own sweeper (real time) must not take them first. Other specs' retries due by then may come along: only ours are counted.
    const now = Date.now() + 3_600_000;
    const message = { locale: 'en', subject: 's', text: 't', html: null };
    // Claimed by a replica that died: sending under leases that ran out 5..1 s before `now`, and one still held.
    const orphan = (i: number, leftMs: number) => claimedDelivery(deliveryId(`evt-take-${i}`, bob, 'email'), notice(`evt-take-${i}`, bob), { kind: 'send', message, messageId: `<take-${i}@itsm.test>`, lease: { owner: 'replica-dead', until: now + leftMs } }, now - 10_000);
    const expired = [5, 4, 3, 2, 1].map((s, i) => orphan(i, -s * 1_000));
    const held = orphan(9, 60_000);
    await store.claimMany([...expired, held]);
    const ours = new Set([...expired, held].map((d) => d.id));
    const lease = (owner: string) => ({ owner, until: now + 30_000 });
    const takers = await Promise.all([store.takeDue(now, lease('replica-a'), 3), store.takeDue(now, lease('replica-b'), 3)]);
    for (let batch = await store.takeDue(now, lease('replica-c'), 3); batch.length > 0; batch = await store.takeDue(now, lease('replica-c'), 3)) takers.push(batch);
    const taken = takers.flat().filter((d) => ours.has(d.id));
    expect(taken.map((d) => d.id).sort()).toEqual(expired.map((d) => d.id).sort());
    for (const d of taken) expect(d).toMatchObject({ state: 'sending', lease: { until: now + 30_000 } });
    expect(await store.find(held.id)).toMatchObject({ state: 'sending', lease: { owner: 'replica-dead' } });
  });

  it('resends a claim whose sender died between claim and send, after its lease, with the same Message-ID', async () => {
    const n = notice('evt-orphan-1', bob);
    const id = deliveryId('evt-orphan-1', bob, 'email');
    const now = Date.now();
    const message = { locale: 'en', subject: 'Assigned: Core router down', text: 'claimed by a replica that died', html: null };
    expect(await store.claim(claimedDelivery(id, n, { kind: 'send', message, messageId: `<d.${id}@itsm.test>`, lease: { owner: 'dead-replica', until: now + 300 } }, now))).toBe(true);
    await intake.accept([n], now);
    expect(sink.to(bob.email as string)).toHaveLength(0);
    const [mail] = await expectEventually(() => {
      const mails = sink.to(bob.email as string);
      expect(mails).toHaveLength(1);
      return mails;
    });
    expect(mail?.parsed.messageId).toBe(`<d.${id}@itsm.test>`);
    expect(mail?.parsed.text).toContain('claimed by a replica that died');
    await expectEventually(async () => expect(await store.find(id)).toMatchObject({ state: 'sent', attempts: 1, lease: null }));
  });

  it('retries a mail the relay answers 451 and fails one it answers 550', async () => {
    const carol = person('n-carol');
    sink.behave({ kind: 'fail', code: 451, message: 'try again later' });
    await acceptAndSend([notice('evt-451', carol)], Date.now());
    const retried = deliveryId('evt-451', carol, 'email');
    expect(await store.find(retried)).toMatchObject({ state: 'retrying', attempts: 1, reason: expect.stringContaining('451') });
    await expectEventually(async () => expect(await store.find(retried)).toMatchObject({ state: 'sent', attempts: 2 }));
    expect(sink.to(carol.email as string).map((m) => m.parsed.messageId)).toEqual([`<d.${retried}@itsm.test>`]);

    const dave = person('n-dave');
    sink.behave({ kind: 'fail', code: 550, message: 'no such user' });
    await acceptAndSend([notice('evt-550', dave)], Date.now());
    expect(await store.find(deliveryId('evt-550', dave, 'email'))).toMatchObject({ state: 'failed', attempts: 1, reason: expect.stringContaining('550') });
    const listed = await booted.ok<{ edges: { node: { state: string; attempts: number; lastOutcome: { outcome: string } } }[] }>('n-admin', '{ notificationDeliveries(eventId: "evt-550") { edges { node { state attempts lastOutcome { outcome } } } } }');
    expect(listed.edges.map((e) => e.node)).toEqual([{ state: 'failed', attempts: 1, lastOutcome: { outcome: 'failed' } }]);
    expect((await booted.as('n-alice', '{ notificationDeliveries(eventId: "evt-550") { edges { node { id } } } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps each person\'s in-app inbox to themselves, read and unread', async () => {
    await intake.accept([notice('evt-inbox-1', alice, 'in_app'), notice('evt-inbox-2', alice, 'in_app'), notice('evt-inbox-1', bob, 'in_app')], Date.now());
    const inbox = '{ myNotifications { edges { node { id subject ticketNumber read } } } }';
    type Inbox = { edges: { node: { id: string; subject: string; ticketNumber: string; read: boolean } }[] };
    const mine = await booted.ok<Inbox>('n-alice', inbox);
    expect(mine.edges).toHaveLength(2);
    expect(await booted.ok<number>('n-alice', '{ myUnreadNotificationCount }')).toBe(2);
    const bobs = await booted.ok<Inbox>('n-bob', inbox);
    expect(bobs.edges.map((e) => e.node)).toEqual([{ id: deliveryId('evt-inbox-1', bob, 'in_app'), subject: 'Assigned: Core router down', ticketNumber: 'INC0000042', read: false }]);

    const first = mine.edges[0]?.node.id as string;
    expect(await booted.ok<number>('n-bob', 'mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }', { ids: [first] })).toBe(0);
    expect(await booted.ok<number>('n-alice', 'mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }', { ids: [first] })).toBe(1);
    const unread = await booted.ok<Inbox>('n-alice', '{ myNotifications(unreadOnly: true) { edges { node { id read } } } }');
    expect(unread.edges.map((e) => e.node.id)).not.toContain(first);
    expect(unread.edges).toHaveLength(1);
    expect(await booted.ok<number>('n-alice', 'mutation { markNotificationsRead(all: true) }')).toBe(1);
    expect(await booted.ok<number>('n-alice', '{ myUnreadNotificationCount }')).toBe(0);
    expect(await booted.ok<number>('n-bob', '{ myUnreadNotificationCount }')).toBe(1);
    const refused = await booted.as('n-alice', 'mutation { markNotificationsRead }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOTIFICATION.INVALID_INPUT');
  });

  it("announces each inbox entry once as it arrives (a deferred one when its time came), whose it is and never its text; myNotification(id) reads it, for its owner only", async () => {
    const arrivals = (id: string) => booted.published.filter((e) => e.type === NOTIFICATION_EVENT_TYPES.inAppDelivered && e.subject === id);
    const now = Date.now();
    const carol = { ...person('n-carol'), userName: 'carol@contoso.example' };
    const atOnce = deliveryId('evt-live-1', carol, 'in_app');
    const deferred = deliveryId('evt-live-2', carol, 'in_app');
    await intake.accept([notice('evt-live-1', carol, 'in_app'), notice('evt-live-1', carol, 'email')], now);
    await intake.accept([notice('evt-live-1', carol, 'in_app')], now);
    const message = { locale: 'en', subject: 'Assigned: later', text: 'later', html: '<p>later</p>' };
    await store.claimMany([claimedDelivery(deferred, notice('evt-live-2', carol, 'in_app'), { kind: 'defer', until: now + 2_000, reason: 'quiet_hours', message, messageId: deferred }, now)]);
    await expectEventually(() => expect(arrivals(atOnce)).toHaveLength(1));
    expect(arrivals(atOnce)[0]?.data).toEqual({ deliveryId: atOnce, personId: 'n-carol', userName: 'carol@contoso.example', category: 'assignment', urgent: false, at: expect.any(String) });
    expect(arrivals(deferred)).toHaveLength(0);
    expect((await booted.as('n-carol', 'query($id: ID!) { myNotification(id: $id) { id } }', { id: deferred })).errors?.[0]?.extensions?.code).toBe('NOTIFICATION.NOT_FOUND');
    await expectEventually(() => expect(arrivals(deferred)).toHaveLength(1));
    const entry = await booted.ok<{ id: string; subject: string; read: boolean }>('n-carol', 'query($id: ID!) { myNotification(id: $id) { id subject read } }', { id: deferred });
    expect(entry).toEqual({ id: deferred, subject: 'Assigned: later', read: false });
    expect((await booted.as('n-alice', 'query($id: ID!) { myNotification(id: $id) { id } }', { id: atOnce })).errors?.[0]?.extensions?.code).toBe('NOTIFICATION.NOT_FOUND');
    expect((await booted.as('n-carol', 'query($id: ID!) { myNotification(id: $id) { id } }', { id: deliveryId('evt-live-1', carol, 'email') })).errors?.[0]?.extensions?.code).toBe('NOTIFICATION.NOT_FOUND');
    expect(booted.published.filter((e) => e.type === NOTIFICATION_EVENT_TYPES.inAppDelivered && (e.data as { personId: string }).personId === 'n-carol')).toHaveLength(2);
  });
});
