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

/** A small HTML page (no script, no external resources, never cached: the link is a one-off). */
export function ackPage(reply: AckReply, status: number, title: string, message: string, link: string | null): string {
  reply.status(status);
  reply.header('Content-Type', 'text/html; charset=utf-8');
  reply.header('Cache-Control', 'no-store');
  reply.header('Content-Security-Policy', "default-src 'none'");
  reply.header('Referrer-Policy', 'no-referrer');
  const open = link === null ? '' : `<p><a href="${escape(link)}">Open the ticket</a></p>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><p>${escape(message)}</p>${open}</body></html>`;
}
