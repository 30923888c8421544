import { InMemoryDirectoryProjection } from '@itsm/platform/persistence';
import { DirectoryFeed } from '@itsm/testing';
import { deliveryId } from '../../delivery-id';
import { NotificationErrorCode } from '../../../domain';
import type { PersonRecipient } from '../../../domain';
import { SPEC_NOTIFICATION_SETTINGS } from '../../../test-fixtures/spec-notification-settings';
import { notificationDirectory } from '../../../test-fixtures/notification-directory';
import { bounceAddress, replyAddress } from '../../inbound/inbound-addresses';
import { ReplyDeliveries } from '../../inbound/reply-deliveries';
import { exchangeNdr, outlookOutOfOffice, plainReply } from '../../inbound/test-fixtures/inbound-mails';
import { SpecDeliveryRecords } from '../../inbound/test-fixtures/spec-delivery-records';
import { InboundMailStore } from '../../ports/inbound-mail-store.port';
import type { InboundMailRecord, ReplyReceived } from '../../ports/inbound-mail-store.port';
import { SignedTokens } from '../../signed-tokens';
import { ReceiveInboundMailCommand } from './receive-inbound-mail.command';
import { ReceiveInboundMailHandler } from './receive-inbound-mail.handler';

class MemoryInbox extends InboundMailStore {
  readonly kept = new Map<string, { record: InboundMailRecord; reply: ReplyReceived | null }>();
  failing = false;
  keep(record: InboundMailRecord, reply: ReplyReceived | null): Promise<'kept' | 'duplicate'> {
    if (this.failing) return Promise.reject(new Error('MongoServerSelectionError'));
    if (this.kept.has(record.id)) return Promise.resolve('duplicate');
    this.kept.set(record.id, { record, reply });
    return Promise.resolve('kept');
  }
}

const NOW = Date.UTC(2031, 4, 5, 8, 0, 0);
const carol: PersonRecipient = { kind: 'person', personId: 'n-carol', displayName: 'n-carol', email: 'n-carol@contoso.example', locale: 'en', timeZone: 'America/New_York', chatHandle: null };
const ticket = { topic: 'itsm.incident.v1', id: 'inc-1', number: 'INC0000001', title: 't', link: 'https://portal.itsm.test/incidents/inc-1', rootId: 'inc-1' };

describe('ReceiveInboundMailHandler', () => {
  const setup = async () => {
    const store = new MemoryInbox();
    const records = new SpecDeliveryRecords();
    const directory = await new InMemoryDirectoryProjection().feed(...notificationDirectory(new DirectoryFeed()));
    const handler = new ReceiveInboundMailHandler(SPEC_NOTIFICATION_SETTINGS, store, new ReplyDeliveries(SPEC_NOTIFICATION_SETTINGS, records, directory), records);
    const id = deliveryId('evt-1', carol, 'email');
    records.deliveries.set(id, { deliveryId: id, recipient: carol, channel: 'email', ticket });
    const to = replyAddress(new SignedTokens(SPEC_NOTIFICATION_SETTINGS.signingSecret), id, 'itsm.test');
    const receive = (raw: string, mailFrom: string, rcpt: string) => handler.execute(new ReceiveInboundMailCommand(Buffer.from(raw), { mailFrom, rcptTo: [rcpt] }, NOW));
    return { store, records, id, to, receive };
  };

  it('publishes a verified reply with the new text only, at the given instant', async () => {
    const { store, id, to, receive } = await setup();
    const received = await receive(plainReply({ from: 'N-Carol@Contoso.example', to, messageId: 'a@x' }), 'n-carol@contoso.example', to);
    expect(received).toMatchObject({ kind: 'reply', outcome: 'reply-published', stored: 'kept', personId: 'n-carol' });
    expect(store.kept.get(received.id)?.reply).toEqual({ replyId: received.id, ticketTopic: 'itsm.incident.v1', ticketId: 'inc-1', personId: 'n-carol', body: 'The switch in rack 4 was rebooted, it works again.', deliveryId: id, by: 'n-carol', at: '2031-05-05T08:00:00.000Z' });
  });

  it('keeps a reply that adds no text without publishing', async () => {
    const { store, to, receive } = await setup();
    const received = await receive(plainReply({ from: 'n-carol@contoso.example', to, messageId: 'b@x', body: '' }), 'n-carol@contoso.example', to);
    expect(received).toMatchObject({ outcome: 'ignored', why: 'to a reply address; the reply adds no text' });
    expect(store.kept.get(received.id)?.reply).toBeNull();
  });

  it('refuses a reply to an unknown delivery, and one from a person without the address', async () => {
    const { to, receive, records, id } = await setup();
    const unknown = replyAddress(new SignedTokens(SPEC_NOTIFICATION_SETTINGS.signingSecret), 'ffffffffffffffffffffffff', 'itsm.test');
    expect(await receive(plainReply({ from: 'n-carol@contoso.example', to: unknown, messageId: 'c@x' }), 'n-carol@contoso.example', unknown)).toMatchObject({ outcome: 'refused', code: NotificationErrorCode.NotFound });
    records.deliveries.set(id, { deliveryId: id, recipient: { ...carol, personId: 'n-nomail' }, channel: 'email', ticket });
    expect(await receive(plainReply({ from: 'n-carol@contoso.example', to, messageId: 'd@x' }), 'n-carol@contoso.example', to)).toMatchObject({ outcome: 'refused', code: NotificationErrorCode.Forbidden, personId: 'n-nomail' });
  });

  it("refuses (keeps, with why, publishes nothing) a reply about a change: its context takes no comments, so it would be lost", async () => {
    const { store, records, id, to, receive } = await setup();
    records.deliveries.set(id, { deliveryId: id, recipient: carol, channel: 'email', ticket: { ...ticket, topic: 'itsm.change.v1', id: 'chg-1', number: 'CHG0000001' } });
    const received = await receive(plainReply({ from: 'n-carol@contoso.example', to, messageId: 'g@x' }), 'n-carol@contoso.example', to);
    expect(received).toMatchObject({ kind: 'reply', outcome: 'refused', code: NotificationErrorCode.Forbidden, deliveryId: id, personId: 'n-carol', why: expect.stringContaining('replies about itsm.change.v1 tickets are not taken as comments') as unknown });
    expect(store.kept.get(received.id)?.reply).toBeNull();
  });

  it('records a bounce once per delivery, ignores an out-of-office, and keeps a repeat as a duplicate', async () => {
    const { records, id, to, receive } = await setup();
    const ndr = exchangeNdr({ to: bounceAddress(id, 'itsm.test'), recipient: 'n-carol@contoso.example', messageId: 'ndr@x' });
    expect(await receive(ndr, '', bounceAddress(id, 'itsm.test'))).toMatchObject({ kind: 'bounce', outcome: 'bounce-recorded', stored: 'kept' });
    expect(await receive(ndr, '', bounceAddress(id, 'itsm.test'))).toMatchObject({ stored: 'duplicate' });
    expect(records.bounces.get(id)).toEqual({ reason: expect.stringMatching(/^bounced 5\.1\.10: 550 5\.1\.10 RESOLVER/) as unknown, at: NOW });
    expect(await receive(outlookOutOfOffice({ from: 'n-carol@contoso.example', to }), 'n-carol@contoso.example', to)).toMatchObject({ kind: 'auto-reply', outcome: 'ignored' });
  });

  it('fails when the mail cannot be stored (the listener answers 451)', async () => {
    const { store, to, receive } = await setup();
    store.failing = true;
    await expect(receive(plainReply({ from: 'n-carol@contoso.example', to, messageId: 'e@x' }), 'n-carol@contoso.example', to)).rejects.toThrow('MongoServerSelectionError');
  });
});
