import { NOTIFICATION_EVENT_TYPES } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { expectEventually } from '@itsm/testing';
import { Types } from 'mongoose';
import { createTransport } from 'nodemailer';
import { deliveryId } from '../application/delivery-id';
import { bounceAddress, replyAddress } from '../application/inbound/inbound-addresses';
import { inboundMailId } from '../application/inbound/inbound-mail-id';
import { bootInboundContext } from '../application/inbound/test-fixtures/booted-inbound-context';
import { SpecDeliveryRecords } from '../application/inbound/test-fixtures/spec-delivery-records';
import type { BootedInboundContext } from '../application/inbound/test-fixtures/booted-inbound-context';
import { gmailVacation, plainReply, postfixDsn } from '../application/inbound/test-fixtures/inbound-mails';
import { SignedTokens } from '../application/signed-tokens';
import { NotificationErrorCode } from '../domain';
import type { PersonRecipient } from '../domain';
import { SPEC_NOTIFICATION_SETTINGS } from '../test-fixtures/booted-notification-context';

const tokens = new SignedTokens(SPEC_NOTIFICATION_SETTINGS.signingSecret);
const alice: PersonRecipient = { kind: 'person', personId: 'n-alice', displayName: 'n-alice', email: 'n-alice@contoso.example', locale: 'en', timeZone: 'Europe/Zurich', chatHandle: null };
const ticket = { topic: 'itsm.incident.v1', id: 'inc-4711', number: 'INC0004711', title: 'Network down', link: 'https://portal.itsm.test/incidents/inc-4711', rootId: 'inc-4711' };

describe('inbound mail through the listener (replies, auto-replies, bounces)', () => {
  const records = new SpecDeliveryRecords();
  const delivery = deliveryId('evt-inbound-1', alice, 'email');
  const replyTo = replyAddress(tokens, delivery, 'itsm.test');
  const bounceTo = bounceAddress(delivery, 'itsm.test');
  let context: BootedInboundContext;
  let send: (raw: string, from: string, to: string) => Promise<void>;

  const replies = (): EventEnvelope[] => context.published.filter((event) => event.type === NOTIFICATION_EVENT_TYPES.replyReceived);
  const kept = (messageId: string, raw: string) => context.connection.collection('notification_inbound_mails').findOne({ _id: new Types.ObjectId(inboundMailId(messageId, Buffer.from(raw))) });

  beforeAll(async () => {
    records.deliveries.set(delivery, { deliveryId: delivery, recipient: alice, channel: 'email', ticket });
    context = await bootInboundContext(records);
    const transport = createTransport({ host: '127.0.0.1', port: context.inboundPort, secure: false, ignoreTLS: true });
    send = async (raw, from, to) => {
      await transport.sendMail({ envelope: { from, to: [to] }, raw });
    };
  });
  afterAll(() => context.close());

  it('publishes a reply once, as a comment by the delivery\'s person keyed by the ticket, however often it arrives', async () => {
    const raw = plainReply({ from: alice.email ?? '', to: replyTo, messageId: 'reply-once@mail.gmail.com' });
    await send(raw, 'n-alice@contoso.example', replyTo);
    await send(raw, 'n-alice@contoso.example', replyTo);
    const later = plainReply({ from: alice.email ?? '', to: replyTo, messageId: 'reply-later@mail.gmail.com', body: 'And the uplink too.' });
    await send(later, 'n-alice@contoso.example', replyTo);
    await expectEventually(() => expect(replies().map((event) => (event.data as { body: string }).body)).toEqual(['The switch in rack 4 was rebooted, it works again.', 'And the uplink too.']));
    const [first] = replies();
    expect(first).toMatchObject({ subject: 'inc-4711', source: '/itsm/notification' });
    expect(first?.data).toMatchObject({ ticketTopic: 'itsm.incident.v1', ticketId: 'inc-4711', personId: 'n-alice', by: 'n-alice', deliveryId: delivery, replyId: inboundMailId('reply-once@mail.gmail.com', Buffer.from(raw)) });
    expect(await kept('reply-once@mail.gmail.com', raw)).toMatchObject({ kind: 'reply', outcome: 'reply-published', personId: 'n-alice' });
  });

  it('keeps an auto-reply and a bounce without publishing; the bounce fails its delivery', async () => {
    const vacation = gmailVacation({ from: alice.email ?? '', to: replyTo });
    await send(vacation, 'n-alice@contoso.example', replyTo);
    const dsn = postfixDsn({ to: bounceTo, recipient: 'n-alice@contoso.example', messageId: 'dsn-1@mx1.contoso.example' });
    await send(dsn, '', bounceTo);
    expect(records.bounces.get(delivery)?.reason).toMatch(/^bounced 5\.1\.1: 550 5\.1\.1/);
    expect(await kept('CAG6zR1vacation+reply@mail.gmail.com', vacation)).toMatchObject({ kind: 'auto-reply', outcome: 'ignored', why: expect.stringContaining('Auto-Submitted: auto-replied') as unknown });
    expect(await kept('dsn-1@mx1.contoso.example', dsn)).toMatchObject({ kind: 'bounce', outcome: 'bounce-recorded', deliveryId: delivery });
  });

  it('refuses and keeps a forged token and a reply from another address', async () => {
    const forgedTo = `reply+${delivery}.00000000000000000000@itsm.test`;
    const forged = plainReply({ from: alice.email ?? '', to: forgedTo, messageId: 'forged@mail.example' });
    await send(forged, 'n-alice@contoso.example', forgedTo);
    const forwarded = plainReply({ from: 'n-bob@contoso.example', to: replyTo, messageId: 'forwarded@mail.example' });
    await send(forwarded, 'n-bob@contoso.example', replyTo);
    expect(await kept('forged@mail.example', forged)).toMatchObject({ kind: 'reply', outcome: 'refused', code: NotificationErrorCode.InvalidSignature });
    expect(await kept('forwarded@mail.example', forwarded)).toMatchObject({ kind: 'reply', outcome: 'refused', code: NotificationErrorCode.Forbidden, personId: 'n-alice' });
    // A reply sent after them is published, and nothing else came before it.
    const sentinel = plainReply({ from: alice.email ?? '', to: replyTo, messageId: 'sentinel@mail.gmail.com', body: 'Closing it.' });
    await send(sentinel, 'n-alice@contoso.example', replyTo);
    await expectEventually(() => expect(replies().map((event) => (event.data as { body: string }).body)).toContain('Closing it.'));
    expect(replies()).toHaveLength(3);
  });
});
