import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import type { InboundFacts } from '../../domain';
import { notificationError, NotificationErrorCode } from '../../domain';

/** The SMTP envelope an inbound mail came with (MAIL FROM `''` for `<>`). */
export interface InboundEnvelope {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
}

/** What the inbound use case reads from one raw mail. */
export interface ParsedInbound {
  /** The Message-ID without angle brackets, or null when the mail has none. */
  readonly messageId: string | null;
  readonly subject: string | null;
  readonly facts: InboundFacts;
  /** The plain text body (HTML converted when there is no text part). */
  readonly text: string;
  /** The bodies of `message/delivery-status` parts (a DSN's machine-readable report). */
  readonly deliveryStatus: readonly string[];
}

/** Raw header values by lower-case name, each unfolded and without its `Name:` prefix. */
function rawHeaders(mail: ParsedMail): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const { key, line } of mail.headerLines) {
    const colon = line.indexOf(':');
    const value = (colon < 0 ? '' : line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, ' ').trim();
    headers.set(key.toLowerCase(), [...(headers.get(key.toLowerCase()) ?? []), value]);
  }
  return headers;
}

function contentType(mail: ParsedMail): { value: string; reportType: string | null } {
  const header = mail.headers.get('content-type');
  if (header !== undefined && typeof header === 'object' && 'value' in header && 'params' in header) {
    const reportType = (header.params as Record<string, string | undefined>)['report-type'];
    return { value: String(header.value).toLowerCase(), reportType: reportType?.toLowerCase() ?? null };
  }
  return { value: 'text/plain', reportType: null };
}

/**
 * Parses a raw mail with mailparser (`keepDeliveryStatus`: a DSN's report stays a part we read)
 * into the facts classification needs, the text and the reports. A mail mailparser cannot read is
 * NOTIFICATION.INVALID_INPUT.
 */
export async function parseInboundMail(raw: Buffer, envelope: InboundEnvelope): Promise<ParsedInbound> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { keepDeliveryStatus: true, skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  } catch (error) {
    throw notificationError(NotificationErrorCode.InvalidInput, `an inbound mail that does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
  const type = contentType(mail);
  const facts: InboundFacts = {
    headers: rawHeaders(mail),
    contentType: type.value,
    reportType: type.reportType,
    partTypes: mail.attachments.map((attachment) => attachment.contentType.toLowerCase()),
    from: mail.from?.value.find((address) => address.address !== undefined)?.address?.toLowerCase() ?? null,
    mailFrom: envelope.mailFrom.toLowerCase(),
    rcptTo: envelope.rcptTo.map((rcpt) => rcpt.toLowerCase()),
  };
  const deliveryStatus = mail.attachments.filter((attachment) => attachment.contentType.toLowerCase() === 'message/delivery-status').map((attachment) => attachment.content.toString('utf8'));
  const messageId = mail.messageId?.trim().replace(/^<|>$/g, '') || null;
  return { messageId, subject: mail.subject ?? null, facts, text: mail.text ?? '', deliveryStatus };
}
