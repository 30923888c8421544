import type { IncomingMessage } from 'node:http';

/** A request body read whole (its text, UTF-8), or refused for its size (the rest is drained, unread). */
export type LimitedBody = { readonly kind: 'read'; readonly text: string } | { readonly kind: 'too-large' };

/** A request body read whole as its bytes (what a signature is checked over), or refused for its size. */
export type LimitedBytes = { readonly kind: 'read'; readonly bytes: Buffer } | { readonly kind: 'too-large' };

/**
 * Reads the body of a request on an own-body route (ContextHttpRoute) of at most `maxBytes`: a
 * larger declared Content-Length is refused before reading, a longer stream as soon as it passes
 * the limit (what follows is drained, never kept). Rejects on a stream error.
 */
export function readLimitedBody(request: IncomingMessage, maxBytes: number): Promise<LimitedBody> {
  return readLimitedBytes(request, maxBytes).then((body) => (body.kind === 'read' ? { kind: 'read', text: body.bytes.toString('utf8') } : body));
}

/** As readLimitedBody, the bytes as they came (a signed body is verified over its bytes, before any decoding). */
export function readLimitedBytes(request: IncomingMessage, maxBytes: number): Promise<LimitedBytes> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? '0') > maxBytes) {
      request.resume();
      resolve({ kind: 'too-large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) return;
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      if (!refused) resolve({ kind: 'read', bytes: Buffer.concat(chunks) });
    });
  });
}

/** The media type of a request (`application/json` of `application/json; charset=utf-8`), lower-case; '' when none. */
export function requestMediaType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}
