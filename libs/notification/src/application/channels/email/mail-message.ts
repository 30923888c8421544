import type { SendMailOptions } from 'nodemailer';
import { acceptsReplies } from '../../../domain';
import type { TicketRef } from '../../../domain';
import { deliveryThreadTicket } from '../../../domain/delivery';
import { replyAddress } from '../../inbound/inbound-addresses';
import type { Delivery } from '../../../domain/delivery';
import type { SignedTokens } from '../../signed-tokens';

/** Who notification mail is from and the domain its reply, bounce and message addresses use. */
export interface MailIdentity {
  readonly from: string;
  readonly domain: string;
  readonly tokens: SignedTokens;
}

/** The Message-ID of a delivery's mail: the same on every attempt, so a receiver drops a repeat. */
export const mailMessageId = (deliveryId: string, domain: string): string => `<d.${deliveryId}@${domain}>`;

const atom = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, '-');

/** The synthetic thread root every mail about one ticket refers to (never sent itself). */
export const threadRoot = (ticket: TicketRef, domain: string): string => `<t.${atom(ticket.topic)}.${atom(ticket.id)}@${domain}>`;

/** The subject with the ticket number in brackets up front (clients thread by it too), unless the template put it there. */
export function stableSubject(subject: string, ticket: TicketRef | null): string {
  const tag = ticket?.number ? `[${ticket.number}]` : null;
  return tag === null || subject.includes(tag) ? subject : `${tag} ${subject}`;
}

/**
 * The mail of a claimed delivery to `address` (research §1): its fixed Message-ID, the ticket's
 * thread root in In-Reply-To/References (when every item is about that one ticket: a digest across
 * tickets has none, no ticket number and no reply address), a signed reply address when the ticket's context takes
 * replies as comments (`acceptsReplies`; else an answer goes to From and is never a comment), the VERP bounce address as the
 * envelope sender, the RFC 3834 and Exchange headers that stop auto-replies, DSN parameters; text
 * and HTML as rendered at claim time.
 */
export function mailOf(d: Delivery, address: string, identity: MailIdentity): SendMailOptions {
  if (d.message === null || d.messageId === null) throw new Error(`delivery ${d.id} has no rendered message to mail`);
  const ticket = deliveryThreadTicket(d);
  const root = ticket === null ? null : threadRoot(ticket, identity.domain);
  return {
    from: identity.from,
    to: address,
    ...(ticket !== null && acceptsReplies(ticket.topic) ? { replyTo: replyAddress(identity.tokens, d.id, identity.domain) } : {}),
    subject: stableSubject(d.message.subject, ticket),
    messageId: d.messageId,
    date: new Date(d.createdAt),
    ...(root === null ? {} : { inReplyTo: root, references: [root] }),
    text: d.message.text,
    ...(d.message.html === null ? {} : { html: d.message.html }),
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', 'X-ITSM-Delivery': d.id },
    envelope: { from: `bounce+${d.id}@${identity.domain}`, to: address },
    dsn: { id: d.id, return: 'headers', notify: ['FAILURE', 'DELAY'], recipient: address },
  };
}
