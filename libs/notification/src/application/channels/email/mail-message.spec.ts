import { BreakerOpenError, BreakerTimeoutError } from '@itsm/platform/resilience';
import { claimedDelivery } from '../../../domain/delivery';
import { SPEC_TICKET, specNotice } from '../../../domain/delivery/test-fixtures/spec-notice';
import { SignedTokens } from '../../signed-tokens';
import { mailMessageId, mailOf, stableSubject, threadRoot } from './mail-message';
import { smtpOutcomeOf } from './smtp-mail.sender';

const ticket = { ...SPEC_TICKET, id: 'inc/7 x', number: 'INC0000007' };
const notice = specNotice({ key: 'e-7', recipient: { kind: 'address', address: 'desk@fabrikam.example' } }, ticket);
const id = '0123456789abcdef01234567';
const tokens = new SignedTokens('a-signing-secret-of-at-least-32-characters');

describe('notification mail', () => {
  it('carries the fixed Message-ID, the thread root, a signed reply address, the VERP sender, auto-reply headers and DSN', () => {
    const message = { locale: 'en', subject: 'Updated', text: 'plain', html: null };
    const d = claimedDelivery(id, notice, { kind: 'send', message, messageId: mailMessageId(id, 'itsm.test'), lease: { owner: 'a', until: 1 } }, 1_000);
    const mail = mailOf(d, 'desk@fabrikam.example', { from: 'notify@itsm.test', domain: 'itsm.test', tokens });
    expect(mail).toMatchObject({
      to: 'desk@fabrikam.example',
      subject: '[INC0000007] Updated',
      messageId: `<d.${id}@itsm.test>`,
      inReplyTo: '<t.itsm.incident.v1.inc-7-x@itsm.test>',
      references: ['<t.itsm.incident.v1.inc-7-x@itsm.test>'],
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', 'X-ITSM-Delivery': id },
      envelope: { from: `bounce+${id}@itsm.test`, to: 'desk@fabrikam.example' },
      dsn: { id, notify: ['FAILURE', 'DELAY'], recipient: 'desk@fabrikam.example' },
      date: new Date(1_000),
    });
    expect(mail.html).toBeUndefined();
    const token = /^reply\+(.+)@itsm\.test$/.exec(String(mail.replyTo))?.[1] ?? '';
    expect(tokens.verify('reply', token)).toBe(id);
    expect(`reply+${token}`.length).toBeLessThanOrEqual(64);
    expect(threadRoot(ticket, 'itsm.test')).toBe('<t.itsm.incident.v1.inc-7-x@itsm.test>');
  });

  it('carries a reply address only about tickets whose context takes replies as comments (not changes, problems, CIs)', () => {
    const message = { locale: 'en', subject: 'Updated', text: 'plain', html: null };
    const mailAbout = (topic: string) => {
      const d = claimedDelivery(id, specNotice({ key: 'e-8', recipient: { kind: 'address', address: 'desk@fabrikam.example' } }, { ...ticket, topic }), { kind: 'send', message, messageId: mailMessageId(id, 'itsm.test'), lease: { owner: 'a', until: 1 } }, 1_000);
      return mailOf(d, 'desk@fabrikam.example', { from: 'notify@itsm.test', domain: 'itsm.test', tokens });
    };
    expect(['itsm.incident.v1', 'itsm.request.v1', 'itsm.change.v1', 'itsm.problem.v1', 'itsm.cmdb.v1'].map((topic) => [topic, mailAbout(topic).replyTo !== undefined])).toEqual([
      ['itsm.incident.v1', true],
      ['itsm.request.v1', true],
      ['itsm.change.v1', false],
      ['itsm.problem.v1', false],
      ['itsm.cmdb.v1', false],
    ]);
    expect(mailAbout('itsm.change.v1')).toMatchObject({ messageId: `<d.${id}@itsm.test>`, inReplyTo: '<t.itsm.change.v1.inc-7-x@itsm.test>' });
  });

  it('threads a message whose items are all about one ticket into it, and a digest across tickets into none (no number, no reply address)', () => {
    const message = { locale: 'en', subject: 'Your digest: 2 notifications', text: 'plain', html: null };
    const other = { ...ticket, id: 'inc-8', number: 'INC0000008', rootId: 'inc-8' };
    const mailOfItems = (tickets: (typeof ticket)[]) => {
      const items = tickets.map((t, i) => ({ ...notice.items[0]!, ticket: t, event: { ...notice.items[0]!.event, id: `e-${i}`, subject: t.id } }));
      const d = claimedDelivery(id, { ...notice, category: 'digest', items }, { kind: 'send', message, messageId: mailMessageId(id, 'itsm.test'), lease: { owner: 'a', until: 1 } }, 1_000);
      return mailOf(d, 'desk@fabrikam.example', { from: 'notify@itsm.test', domain: 'itsm.test', tokens });
    };
    expect(mailOfItems([ticket, ticket])).toMatchObject({ subject: '[INC0000007] Your digest: 2 notifications', inReplyTo: '<t.itsm.incident.v1.inc-7-x@itsm.test>', replyTo: expect.stringMatching(/^reply\+/) });
    const across = mailOfItems([ticket, other]);
    expect(across.subject).toBe('Your digest: 2 notifications');
    expect([across.inReplyTo, across.references, across.replyTo]).toEqual([undefined, undefined, undefined]);
    expect(across).toMatchObject({ messageId: `<d.${id}@itsm.test>`, envelope: { from: `bounce+${id}@itsm.test` } });
  });

  it('keeps a subject that already names the ticket, and one without a ticket number as it is', () => {
    expect(stableSubject('[INC0000007] Updated', ticket)).toBe('[INC0000007] Updated');
    expect(stableSubject('Updated', { ...ticket, number: null })).toBe('Updated');
    expect(stableSubject('Updated', null)).toBe('Updated');
  });

  it('fails a 5xx answer for good and retries 4xx, timeouts, connection errors and an open breaker', () => {
    expect(smtpOutcomeOf(Object.assign(new Error('550 no such user'), { responseCode: 550 }))).toEqual({ kind: 'failed', reason: '550 no such user' });
    expect(smtpOutcomeOf(Object.assign(new Error('451 later'), { responseCode: 451 }))).toEqual({ kind: 'retry', reason: '451 later', afterMs: null });
    expect(smtpOutcomeOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' }))).toMatchObject({ kind: 'retry' });
    expect(smtpOutcomeOf(new BreakerOpenError('smtp:relay:25'))).toMatchObject({ kind: 'retry', reason: 'relay breaker smtp:relay:25 open' });
    expect(smtpOutcomeOf(new BreakerTimeoutError('smtp:relay:25', 3_000))).toMatchObject({ kind: 'retry', reason: 'relay timed out after 3000 ms' });
  });
});
