/** One recipient's block of a delivery status notification (RFC 3464 §2.3). */
export interface RecipientStatus {
  /** `Final-Recipient` without its address type, lower-case. */
  readonly recipient: string;
  /** `failed`, `delayed`, `delivered`, `relayed`, `expanded` (lower-case). */
  readonly action: string;
  /** The enhanced status code (`5.1.1`), or null. */
  readonly status: string | null;
  /** `Diagnostic-Code` without its type (`550 5.1.1 user unknown`), or null. */
  readonly diagnostic: string | null;
}

/** A parsed `message/delivery-status` part: the per-message fields and one block per recipient. */
export interface DeliveryStatusReport {
  /** `Original-Envelope-Id`: the ENVID our mail was sent with (its delivery id), or null. */
  readonly envelopeId: string | null;
  readonly recipients: readonly RecipientStatus[];
}

type Fields = ReadonlyMap<string, string>;

/** A block of header-style fields (continuation lines unfolded), by lower-case name. */
function fields(block: string): Fields {
  const result = new Map<string, string>();
  let last: string | null = null;
  for (const line of block.split('\n')) {
    if (/^[ \t]/.test(line) && last !== null) {
      result.set(last, `${result.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    result.set(last, line.slice(colon + 1).trim());
  }
  return result;
}

/** `rfc822; a@b` -> `a@b` (a value with no type is taken whole). */
function typed(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const semicolon = value.indexOf(';');
  const bare = (semicolon < 0 ? value : value.slice(semicolon + 1)).trim();
  return bare === '' ? null : bare;
}

/**
 * Reads the `message/delivery-status` body: blank-line separated blocks, the first per message,
 * each following one per recipient (those without `Final-Recipient` or `Action` are skipped).
 */
export function parseDeliveryStatus(text: string): DeliveryStatusReport {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map(fields);
  const [message, ...rest] = blocks;
  const recipients: RecipientStatus[] = [];
  for (const block of rest) {
    const recipient = typed(block.get('final-recipient'))?.replace(/^<|>$/g, '').toLowerCase();
    const action = block.get('action')?.toLowerCase().split(/[\s(]/)[0];
    if (recipient === undefined || action === undefined || action === '') continue;
    recipients.push({ recipient, action, status: block.get('status')?.split(/\s/)[0] ?? null, diagnostic: typed(block.get('diagnostic-code')) });
  }
  return { envelopeId: message?.get('original-envelope-id')?.trim() || null, recipients };
}

/** Why a report fails a delivery (the first `failed` recipient's status and diagnostic), or null when none failed (delayed, relayed ...). */
export function bounceReason(report: DeliveryStatusReport): string | null {
  const failed = report.recipients.find((recipient) => recipient.action === 'failed');
  if (failed === undefined) return null;
  return [`bounced ${failed.status ?? 'without status'}`, failed.diagnostic].filter((part) => part !== null).join(': ').slice(0, 500);
}
