import type { ErrorKind } from '@itsm/contracts';

/** The part of Express's reply the acknowledgement link uses. */
export interface AckReply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

const STATUS: Readonly<Record<ErrorKind, number>> = { invalid_input: 400, not_found: 404, forbidden: 403, illegal_state: 409, conflict: 409, unavailable: 503 };

/** The HTTP status a coded error's kind answers with. */
export function statusOfKind(kind: ErrorKind): number {
  return STATUS[kind];
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface AckPageContent {
  readonly title: string;
  /** Paragraphs of plain text (escaped here). */
  readonly lines: readonly string[];
  /** The ticket's portal link, when the page may show it. */
  readonly link: string | null;
  /** A button that POSTs to the page's own URL (the acknowledgement itself: a GET never acknowledges). */
  readonly form: boolean;
}

/**
 * A small HTML page: no script, no external resources, a form only to its own URL, never cached or
 * indexed (the link is a one-off and mail scanners fetch it).
 */
export function ackPage(reply: AckReply, status: number, content: AckPageContent): string {
  reply.status(status);
  reply.header('Content-Type', 'text/html; charset=utf-8');
  reply.header('Cache-Control', 'no-store');
  reply.header('Content-Security-Policy', "default-src 'none'; form-action 'self'; frame-ancestors 'none'");
  reply.header('Referrer-Policy', 'no-referrer');
  reply.header('X-Robots-Tag', 'noindex, nofollow');
  const lines = content.lines.map((line) => `<p>${escape(line)}</p>`).join('');
  const form = content.form ? '<form method="post"><button type="submit">Acknowledge</button></form>' : '';
  const open = content.link === null ? '' : `<p><a href="${escape(content.link)}">Open the ticket</a></p>`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escape(content.title)}</title></head><body><h1>${escape(content.title)}</h1>${lines}${form}${open}</body></html>`;
}
