import { createHmac, sign, timingSafeEqual, verify } from 'node:crypto';
import type { WebhookSigningKey, WebhookVerifyingKey } from './webhook-keys';

/*
 * Standard Webhooks signing and verification (https://www.standardwebhooks.com), by hand with
 * node:crypto rather than the `standardwebhooks` package: its `Webhook` signs and verifies with ONE
 * HMAC secret (no Ed25519 `v1a`, no key list for a rotation, no typed refusal reasons). It stays a
 * devDependency: the specs check both ways that `v1` entries interoperate with it.
 *
 * Signed content: `<webhook-id>.<webhook-timestamp>.<body>`. `webhook-signature` lists
 * space-separated `<version>,<base64>` entries: `v1` = HMAC-SHA256 with the secret's bytes,
 * `v1a` = Ed25519 over the same content. One entry per key, so during a rotation a receiver holding
 * either key verifies.
 */

/** The three Standard Webhooks headers of one message (one attempt: a fresh timestamp each). */
export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

export type WebhookBody = string | Buffer;

/** Why an inbound message was refused: what a 401 answer or a dead-letter record names. */
export type WebhookRefusal = 'missing_header' | 'malformed_header' | 'timestamp_too_old' | 'timestamp_in_future' | 'no_matching_signature';

/** Verified (and by which of the given keys), or refused with the reason. */
export type WebhookVerification = { readonly ok: true; readonly keyIndex: number } | { readonly ok: false; readonly reason: WebhookRefusal };

/** Headers as node:http or a Kafka binding hands them over (names compared case-insensitively). */
export type InboundHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The spec's suggested tolerance each way: an older message may be a replay, a newer one a forgery planned ahead. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;
const MAX_ID_LENGTH = 256;
const MAX_SIGNATURE_HEADER_LENGTH = 4096;
const MAX_ENTRIES = 16;
const TIMESTAMP = /^\d{1,12}$/;
const ED25519_SIGNATURE_BYTES = 64;

function content(id: string, timestamp: string, body: WebhookBody): Buffer {
  return Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);
}

function hmac(secret: Buffer, signed: Buffer): Buffer {
  return createHmac('sha256', secret).update(signed).digest();
}

/**
 * Signs one message with every key (one entry each, in the keys' order). The id must not contain a
 * dot (the signed content's separator) and the timestamp is whole Unix seconds: both come from the
 * sender's own code, so a breach is a RangeError, not an outside input's refusal.
 */
export function signWebhook(keys: readonly WebhookSigningKey[], id: string, timestampSeconds: number, body: WebhookBody): WebhookHeaders {
  if (keys.length === 0) throw new RangeError('a webhook is signed with at least one key');
  if (id.length === 0 || id.length > MAX_ID_LENGTH || id.includes('.')) throw new RangeError(`a webhook id is 1-${MAX_ID_LENGTH} characters without a dot`);
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) throw new RangeError('a webhook timestamp is whole, non-negative Unix seconds');
  const timestamp = String(timestampSeconds);
  const signed = content(id, timestamp, body);
  const entries = keys.map((key) => {
    switch (key.kind) {
      case 'hmac':
        return `v1,${hmac(key.secret, signed).toString('base64')}`;
      case 'ed25519':
        return `v1a,${sign(null, signed, key.privateKey).toString('base64')}`;
    }
  });
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': entries.join(' ') };
}

type HeaderValue = { readonly kind: 'missing' } | { readonly kind: 'repeated' } | { readonly kind: 'value'; readonly value: string };

function header(headers: InboundHeaders, name: string): HeaderValue {
  const found = Object.keys(headers).filter((k) => k.toLowerCase() === name);
  const values = found.flatMap((k) => {
    const v = headers[k];
    return v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
  });
  if (values.length === 0) return { kind: 'missing' };
  if (values.length > 1) return { kind: 'repeated' };
  return { kind: 'value', value: values[0] as string };
}

interface SignatureEntry {
  readonly version: string;
  readonly signature: Buffer;
}

/** The header's entries, or null when it is not a list of `<version>,<base64>` entries. */
function entries(text: string): SignatureEntry[] | null {
  if (text.length > MAX_SIGNATURE_HEADER_LENGTH) return null;
  const parts = text.split(' ').filter((p) => p !== '');
  if (parts.length === 0 || parts.length > MAX_ENTRIES) return null;
  const parsed: SignatureEntry[] = [];
  for (const part of parts) {
    const comma = part.indexOf(',');
    const [version, encoded] = [part.slice(0, comma), part.slice(comma + 1)];
    if (comma <= 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
    parsed.push({ version, signature: Buffer.from(encoded, 'base64') });
  }
  return parsed;
}

function matches(key: WebhookVerifyingKey, entry: SignatureEntry, signed: Buffer): boolean {
  switch (key.kind) {
    case 'hmac': {
      if (entry.version !== 'v1') return false;
      const expected = hmac(key.secret, signed);
      return entry.signature.length === expected.length && timingSafeEqual(entry.signature, expected);
    }
    case 'ed25519':
      return entry.version === 'v1a' && entry.signature.length === ED25519_SIGNATURE_BYTES && verify(null, signed, key.publicKey, entry.signature);
  }
}

/**
 * Verifies an inbound message against the sender's keys (two during its rotation: either verifies).
 * Never throws on outside input: a refusal names its reason. The timestamp may differ from `nowSeconds`
 * by at most `toleranceSeconds` either way (exactly the tolerance passes). Entries of versions other
 * than `v1`/`v1a` are skipped (the spec's room for later versions); HMAC comparison is constant-time.
 * Unlike signWebhook, an id with a dot is accepted: other senders' ids are theirs to choose (the
 * reference library accepts them too), and the timestamp being digits only keeps the content's
 * split unambiguous for JSON bodies.
 */
export function verifyWebhook(
  keys: readonly WebhookVerifyingKey[],
  headers: InboundHeaders,
  body: WebhookBody,
  nowSeconds: number,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): WebhookVerification {
  const [id, timestamp, signature] = [header(headers, 'webhook-id'), header(headers, 'webhook-timestamp'), header(headers, 'webhook-signature')];
  if (id.kind === 'missing' || timestamp.kind === 'missing' || signature.kind === 'missing') return { ok: false, reason: 'missing_header' };
  if (id.kind === 'repeated' || timestamp.kind === 'repeated' || signature.kind === 'repeated') return { ok: false, reason: 'malformed_header' };
  if (id.value.length === 0 || id.value.length > MAX_ID_LENGTH || !TIMESTAMP.test(timestamp.value)) return { ok: false, reason: 'malformed_header' };
  const listed = entries(signature.value);
  if (listed === null) return { ok: false, reason: 'malformed_header' };
  const at = Number(timestamp.value);
  if (nowSeconds - at > toleranceSeconds) return { ok: false, reason: 'timestamp_too_old' };
  if (at - nowSeconds > toleranceSeconds) return { ok: false, reason: 'timestamp_in_future' };
  const signed = content(id.value, timestamp.value, body);
  const keyIndex = keys.findIndex((key) => listed.some((entry) => matches(key, entry, signed)));
  return keyIndex === -1 ? { ok: false, reason: 'no_matching_signature' } : { ok: true, keyIndex };
}
