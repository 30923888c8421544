/*
 * Real-looking inbound mails (headers as Gmail, Exchange/Outlook and Postfix write them), CRLF line
 * ends, for the inbound specs. `to` is the reply or bounce address they were sent to.
 */
const crlf = (lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;

/** A person's plain reply from Gmail, with the quoted notification under "On ... wrote:". */
export function plainReply(options: { from: string; to: string; messageId: string; body?: string }): string {
  return crlf([
    `From: Alice Example <${options.from}>`,
    `To: ITSM <${options.to}>`,
    'Subject: Re: [INC0001001] Network down in Zurich',
    'Date: Thu, 03 Dec 2026 09:15:02 +0100',
    `Message-ID: <${options.messageId}>`,
    'In-Reply-To: <d.0123456789abcdef01234567@itsm.test>',
    'References: <t.incident.i-1@itsm.test> <d.0123456789abcdef01234567@itsm.test>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    options.body ?? 'The switch in rack 4 was rebooted, it works again.',
    '',
    'On Thu, Dec 3, 2026 at 9:02 AM ITSM <notify@itsm.test> wrote:',
    '> Incident INC0001001 was assigned to Network.',
    '> https://portal.itsm.test/incidents/i-1',
  ]);
}

/** Outlook/Exchange out-of-office ("Automatic reply"), sent to the reply address. */
export function outlookOutOfOffice(options: { from: string; to: string }): string {
  return crlf([
    `From: Bob Example <${options.from}>`,
    `To: ITSM <${options.to}>`,
    'Subject: Automatic reply: [INC0001001] Network down in Zurich',
    'Thread-Topic: [INC0001001] Network down in Zurich',
    'Thread-Index: AQHaRoUFN3yWm1cbBEqrKqsVbLqVAQ==',
    'Date: Thu, 3 Dec 2026 08:15:03 +0000',
    'Message-ID: <b7e5a1c9d1f34b8e9f0e5c3a@AM6PR01MB1234.eurprd01.prod.exchangelabs.com>',
    'Auto-Submitted: auto-generated',
    'X-Auto-Response-Suppress: All',
    'X-MS-Exchange-Inbox-Rules-Loop: bob@contoso.example',
    'Content-Language: de-CH',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="iso-8859-1"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Ich bin bis 7. Dezember abwesend. In dringenden F=E4llen: +41 44 000 00 00.',
  ]);
}

/** Gmail's vacation responder. */
export function gmailVacation(options: { from: string; to: string }): string {
  return crlf([
    `From: Carol Example <${options.from}>`,
    `To: ${options.to}`,
    'Subject: Out of office',
    'Date: Thu, 3 Dec 2026 03:15:03 -0500',
    'Message-ID: <CAG6zR1vacation+reply@mail.gmail.com>',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    'I am travelling until Monday with limited access to mail.',
  ]);
}

function report(options: { from: string; to: string; messageId: string; subject: string; human: string; status: readonly string[] }): string {
  const boundary = '----=_report_7a1b2c3d';
  return crlf([
    `From: ${options.from}`,
    `To: ${options.to}`,
    `Subject: ${options.subject}`,
    'Date: Thu, 3 Dec 2026 08:15:04 +0000',
    `Message-ID: <${options.messageId}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    options.human,
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    ...options.status,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    'From: ITSM <notify@itsm.test>',
    'Subject: [INC0001001] Network down in Zurich',
    'X-ITSM-Delivery: 0123456789abcdef01234567',
    '',
    `--${boundary}--`,
  ]);
}

/** A Postfix DSN (RFC 3464): `Action` failed or delayed for one recipient. */
export function postfixDsn(options: { to: string; recipient: string; messageId: string; action?: 'failed' | 'delayed' }): string {
  const failed = (options.action ?? 'failed') === 'failed';
  return report({
    from: 'MAILER-DAEMON@mx1.contoso.example (Mail Delivery System)',
    to: options.to,
    messageId: options.messageId,
    subject: failed ? 'Undelivered Mail Returned to Sender' : 'Delayed Mail (still being retried)',
    human: 'This is the mail system at host mx1.contoso.example.\r\n\r\nI\'m sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.',
    status: [
      'Reporting-MTA: dns; mx1.contoso.example',
      'X-Postfix-Queue-ID: 4QkZ1m2Xyz',
      'Arrival-Date: Thu,  3 Dec 2026 08:15:01 +0000 (UTC)',
      '',
      `Final-Recipient: rfc822; ${options.recipient}`,
      `Original-Recipient: rfc822;${options.recipient}`,
      `Action: ${failed ? 'failed' : 'delayed'}`,
      `Status: ${failed ? '5.1.1' : '4.4.1'}`,
      `Remote-MTA: dns; mail.contoso.example`,
      `Diagnostic-Code: smtp; ${failed ? '550 5.1.1 <' + options.recipient + '>: Recipient address rejected:' : '421 4.4.1 connection timed out'}`,
      '    User unknown in virtual mailbox table',
    ],
  });
}

/** An Exchange Online non-delivery report. */
export function exchangeNdr(options: { to: string; recipient: string; messageId: string }): string {
  return report({
    from: 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.example>',
    to: options.to,
    messageId: options.messageId,
    subject: 'Undeliverable: [INC0001001] Network down in Zurich',
    human: "Your message to " + options.recipient + " couldn't be delivered.\r\n" + options.recipient.split('@')[0] + " wasn't found at contoso.example.",
    status: [
      'Reporting-MTA: dns;AM6PR01MB1234.eurprd01.prod.exchangelabs.com',
      'Received-From-MTA: dns;mail.itsm.test',
      'Arrival-Date: Thu, 3 Dec 2026 08:15:01 +0000',
      '',
      `Final-Recipient: rfc822;${options.recipient}`,
      'Action: failed',
      'Status: 5.1.10',
      'Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
    ],
  });
}

/** One of our own notifications that came back (a forwarding loop). */
export function ownNotification(options: { to: string; deliveryId: string }): string {
  return crlf([
    'From: ITSM <notify@itsm.test>',
    `To: ${options.to}`,
    'Subject: [INC0001001] Network down in Zurich',
    `Message-ID: <d.${options.deliveryId}@itsm.test>`,
    'Auto-Submitted: auto-generated',
    'X-Auto-Response-Suppress: All',
    `X-ITSM-Delivery: ${options.deliveryId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Incident INC0001001 was assigned to Network.',
  ]);
}

/** A read receipt (RFC 8098). */
export function readReceipt(options: { from: string; to: string }): string {
  const boundary = 'mdn_0f9e8d';
  return crlf([
    `From: ${options.from}`,
    `To: ${options.to}`,
    'Subject: Read: [INC0001001] Network down in Zurich',
    'Message-ID: <mdn.1@contoso.example>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=disposition-notification; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain',
    '',
    'Your message was displayed.',
    `--${boundary}`,
    'Content-Type: message/disposition-notification',
    '',
    'Final-Recipient: rfc822; ' + options.from,
    'Disposition: manual-action/MDN-sent-manually; displayed',
    `--${boundary}--`,
  ]);
}

/** A mailing list's post that reached a reply address. */
export function listPost(options: { to: string }): string {
  return crlf([
    'From: Announce <announce@lists.contoso.example>',
    `To: ${options.to}`,
    'Subject: [all-staff] Canteen closed on Friday',
    'Message-ID: <list.42@lists.contoso.example>',
    'List-Id: All staff <all-staff.lists.contoso.example>',
    'List-Unsubscribe: <mailto:all-staff-leave@lists.contoso.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain',
    '',
    'The canteen is closed on Friday.',
  ]);
}
