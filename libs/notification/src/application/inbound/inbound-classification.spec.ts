import { classifyInboundMail } from '../../domain';
import type { InboundKind } from '../../domain';
import { parseInboundMail } from './parse-inbound-mail';
import { exchangeNdr, gmailVacation, listPost, outlookOutOfOffice, ownNotification, plainReply, postfixDsn, readReceipt } from './test-fixtures/inbound-mails';

const ours = { sender: 'notify@itsm.test', domain: 'itsm.test' };
const delivery = '0123456789abcdef01234567';
const reply = `reply+${delivery}.a1b2c3d4e5f60718293a@itsm.test`;
const bounce = `bounce+${delivery}@itsm.test`;

async function classify(raw: string, mailFrom: string, rcpt: string) {
  const parsed = await parseInboundMail(Buffer.from(raw), { mailFrom, rcptTo: [rcpt] });
  return classifyInboundMail(parsed.facts, ours);
}

describe('classifying inbound mail (what may become a comment)', () => {
  const table: readonly [string, string, string, string, InboundKind][] = [
    ['a plain reply', plainReply({ from: 'n-alice@contoso.example', to: reply, messageId: 'r1@mail.gmail.com' }), 'n-alice@contoso.example', reply, 'reply'],
    ['an Outlook out-of-office to the reply address', outlookOutOfOffice({ from: 'n-bob@contoso.example', to: reply }), 'n-bob@contoso.example', reply, 'auto-reply'],
    ['a Gmail vacation notice', gmailVacation({ from: 'n-carol@contoso.example', to: reply }), 'n-carol@contoso.example', reply, 'auto-reply'],
    ['an Exchange NDR', exchangeNdr({ to: bounce, recipient: 'gone@contoso.example', messageId: 'ndr1@contoso.example' }), '', bounce, 'bounce'],
    ['a Postfix DSN', postfixDsn({ to: bounce, recipient: 'gone@contoso.example', messageId: 'dsn1@mx1' }), '', bounce, 'bounce'],
    ['our own mail looped back', ownNotification({ to: reply, deliveryId: delivery }), 'bounce+x@itsm.test', reply, 'own'],
    ['a read receipt', readReceipt({ from: 'n-alice@contoso.example', to: reply }), 'n-alice@contoso.example', reply, 'mdn'],
    ['a list post', listPost({ to: reply }), 'all-staff-bounces@lists.contoso.example', reply, 'auto-reply'],
    ['a person writing to an address we never hand out', plainReply({ from: 'n-alice@contoso.example', to: 'help@itsm.test', messageId: 'r2@x' }), 'n-alice@contoso.example', 'help@itsm.test', 'unknown'],
    ['a reply with a null envelope sender', plainReply({ from: 'n-alice@contoso.example', to: reply, messageId: 'r3@x' }), '', reply, 'auto-reply'],
  ];

  it.each(table)('%s', async (_name, raw, mailFrom, rcpt, kind) => {
    expect((await classify(raw, mailFrom, rcpt)).kind).toBe(kind);
  });

  it('carries the reply token and the VERP delivery id, case-folded', async () => {
    expect(await classify(plainReply({ from: 'a@b.c', to: reply, messageId: 'm@x' }), 'a@b.c', reply.toUpperCase())).toEqual({
      kind: 'reply',
      token: `${delivery}.a1b2c3d4e5f60718293a`,
      why: 'to a reply address',
    });
    expect(await classify(postfixDsn({ to: bounce, recipient: 'g@c.example', messageId: 'd@x' }), '', bounce)).toMatchObject({ kind: 'bounce', deliveryId: delivery });
  });

  it('says why: the RFC 3834 header, the report type', async () => {
    expect((await classify(gmailVacation({ from: 'c@x.example', to: reply }), 'c@x.example', reply)).why).toBe('Auto-Submitted: auto-replied');
    expect((await classify(exchangeNdr({ to: bounce, recipient: 'g@c.example', messageId: 'n@x' }), '', bounce)).why).toBe('multipart/report; report-type=delivery-status');
  });

  it('takes a reply to a reply address on another domain for unknown', async () => {
    expect((await classify(plainReply({ from: 'a@b.c', to: 'reply+abc.def@evil.example', messageId: 'm@x' }), 'a@b.c', 'reply+abc.def@evil.example')).kind).toBe('unknown');
  });

  it('reads the reply text without the quoted history and the DSN part', async () => {
    const parsed = await parseInboundMail(Buffer.from(plainReply({ from: 'a@b.c', to: reply, messageId: 'm@x' })), { mailFrom: 'a@b.c', rcptTo: [reply] });
    expect(parsed.messageId).toBe('m@x');
    expect(parsed.text).toContain('On Thu, Dec 3, 2026');
    const dsn = await parseInboundMail(Buffer.from(postfixDsn({ to: bounce, recipient: 'g@c.example', messageId: 'd@x' })), { mailFrom: '', rcptTo: [bounce] });
    expect(dsn.deliveryStatus).toHaveLength(1);
    expect(dsn.deliveryStatus[0]).toContain('Action: failed');
  });
});
