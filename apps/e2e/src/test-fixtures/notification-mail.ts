import type { SmtpSink, SunkMail } from '@itsm/testing';
import { createTransport } from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';

/** The mails the sink took for `address` about one incident (its thread: `References` names the ticket). */
export function mailsAbout(sink: SmtpSink, address: string, incidentId: string): SunkMail[] {
  const thread = `<t.itsm.incident.v1.${incidentId}@`;
  return sink.to(address).filter((mail) => [mail.parsed.references ?? []].flat().some((reference) => reference.startsWith(thread)));
}

/** The distinct Message-IDs among `mails` (a resend after a crash repeats its delivery's). */
export const messageIds = (mails: readonly SunkMail[]): string[] => [...new Set(mails.map((mail) => mail.parsed.messageId ?? ''))];

/** Where a reply to `mail` goes: its Reply-To (`reply+<signed token>@<mail domain>`). */
function replyAddress(mail: SunkMail): string {
  const address = mail.parsed.replyTo?.value[0]?.address;
  if (address === undefined) throw new Error(`mail ${mail.parsed.messageId ?? ''} has no Reply-To`);
  return address;
}

/** Hands `mail` to the notification service's inbound SMTP listener on `port`, as the organisation's MTA does. */
export async function sendInbound(port: number, mail: SendMailOptions): Promise<void> {
  const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}

/** A person's answer to `mail` from their mail client (threaded on its Message-ID), with the quoted original below. */
export function personalReply(mail: SunkMail, from: string, text: string): SendMailOptions {
  const to = replyAddress(mail);
  const quoted = (mail.parsed.text ?? '').split('\n').map((line) => `> ${line}`).join('\n');
  return {
    envelope: { from, to: [to] },
    from,
    to,
    subject: `Re: ${mail.parsed.subject ?? ''}`,
    inReplyTo: mail.parsed.messageId,
    references: mail.parsed.messageId,
    text: `${text}\n\nOn Thu, Dec 3, 2026, ITSM wrote:\n${quoted}`,
  };
}

/** An out-of-office answer to `mail` (RFC 3834 `Auto-Submitted: auto-replied`), sent to its reply address. */
export function outOfOffice(mail: SunkMail, from: string): SendMailOptions {
  const to = replyAddress(mail);
  return { envelope: { from, to: [to] }, from, to, subject: 'Out of office', inReplyTo: mail.parsed.messageId, headers: { 'Auto-Submitted': 'auto-replied' }, text: 'I am travelling until Monday with limited access to mail.' };
}

/** The recipient's MTA refusing `mail` for good: a delivery status report (RFC 3464) to its VERP bounce address. */
export function bounceOf(mail: SunkMail): SendMailOptions {
  const recipient = mail.to[0] ?? '';
  const daemon = 'MAILER-DAEMON@mx1.contoso.example';
  const status = [
    'Reporting-MTA: dns; mx1.contoso.example',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    `Diagnostic-Code: smtp; 550 5.1.1 <${recipient}>: Recipient address rejected: User unknown`,
    '',
  ].join('\r\n');
  return {
    envelope: { from: daemon, to: [mail.from] },
    from: `Mail Delivery System <${daemon}>`,
    to: mail.from,
    subject: 'Undelivered Mail Returned to Sender',
    headers: { 'Auto-Submitted': 'auto-replied' },
    text: 'Your message could not be delivered to one or more recipients.',
    attachments: [{ contentType: 'message/delivery-status', content: status, contentDisposition: 'inline' }],
  };
}
