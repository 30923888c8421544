import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { WebhookKeyError, WebhookKeyErrorCode } from './webhook.errors';

/** A symmetric Standard Webhooks secret (`whsec_`): signs and verifies `v1` (HMAC-SHA256) entries. */
export interface HmacKey {
  readonly kind: 'hmac';
  readonly secret: Buffer;
}

/** An Ed25519 private key (`whsk_`): signs `v1a` entries. */
export interface Ed25519SigningKey {
  readonly kind: 'ed25519';
  readonly privateKey: KeyObject;
}

/** An Ed25519 public key (`whpk_`): verifies `v1a` entries (what a supplier hands over). */
export interface Ed25519VerifyingKey {
  readonly kind: 'ed25519';
  readonly publicKey: KeyObject;
}

export type WebhookSigningKey = HmacKey | Ed25519SigningKey;
export type WebhookVerifyingKey = HmacKey | Ed25519VerifyingKey;

export const HMAC_SECRET_PREFIX = 'whsec_';
export const ED25519_PRIVATE_PREFIX = 'whsk_';
export const ED25519_PUBLIC_PREFIX = 'whpk_';
const HMAC_MIN_BYTES = 24;
const HMAC_MAX_BYTES = 64;
const ED25519_KEY_BYTES = 32;
/** Standard base64 (the spec's alphabet, padded); Node's decoder alone would skip stray characters silently. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** PKCS#8 DER prefix of an Ed25519 private key (RFC 8410); the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function decode(text: string, prefix: string, what: string): Buffer {
  if (!text.startsWith(prefix)) throw new WebhookKeyError(WebhookKeyErrorCode.WrongPrefix, `${what} starts with ${prefix}`);
  const body = text.slice(prefix.length);
  if (body.length === 0 || !BASE64.test(body)) throw new WebhookKeyError(WebhookKeyErrorCode.BadEncoding, `${what} is ${prefix} and standard base64`);
  return Buffer.from(body, 'base64');
}

function exactly32(bytes: Buffer, what: string): Buffer {
  if (bytes.length !== ED25519_KEY_BYTES) throw new WebhookKeyError(WebhookKeyErrorCode.BadLength, `${what} is ${ED25519_KEY_BYTES} bytes, not ${bytes.length}`);
  return bytes;
}

/** `whsec_<base64 of 24-64 bytes>` as an HMAC key; WebhookKeyError naming the fault otherwise. */
export function parseHmacSecret(text: string): HmacKey {
  const secret = decode(text, HMAC_SECRET_PREFIX, 'an HMAC secret');
  if (secret.length < HMAC_MIN_BYTES || secret.length > HMAC_MAX_BYTES) {
    throw new WebhookKeyError(WebhookKeyErrorCode.BadLength, `an HMAC secret is ${HMAC_MIN_BYTES}-${HMAC_MAX_BYTES} bytes, not ${secret.length}`);
  }
  return { kind: 'hmac', secret };
}

/** `whsk_<base64 of the 32-byte Ed25519 seed>` as a signing key. */
export function parseEd25519PrivateKey(text: string): Ed25519SigningKey {
  const seed = exactly32(decode(text, ED25519_PRIVATE_PREFIX, 'an Ed25519 private key'), 'an Ed25519 private key');
  return { kind: 'ed25519', privateKey: createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }) };
}

/** `whpk_<base64 of the 32-byte Ed25519 public key>` as a verifying key. */
export function parseEd25519PublicKey(text: string): Ed25519VerifyingKey {
  const x = exactly32(decode(text, ED25519_PUBLIC_PREFIX, 'an Ed25519 public key'), 'an Ed25519 public key');
  try {
    return { kind: 'ed25519', publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: x.toString('base64url') }, format: 'jwk' }) };
  } catch {
    throw new WebhookKeyError(WebhookKeyErrorCode.BadEncoding, 'an Ed25519 public key is not a point on the curve');
  }
}

/** A key to sign with, by its prefix: `whsec_` (HMAC) or `whsk_` (Ed25519 private). */
export function parseSigningKey(text: string): WebhookSigningKey {
  if (text.startsWith(ED25519_PRIVATE_PREFIX)) return parseEd25519PrivateKey(text);
  if (text.startsWith(HMAC_SECRET_PREFIX)) return parseHmacSecret(text);
  throw new WebhookKeyError(WebhookKeyErrorCode.WrongPrefix, `a signing key starts with ${HMAC_SECRET_PREFIX} or ${ED25519_PRIVATE_PREFIX}`);
}

/** A key to verify with, by its prefix: `whsec_` (HMAC) or `whpk_` (Ed25519 public). */
export function parseVerifyingKey(text: string): WebhookVerifyingKey {
  if (text.startsWith(ED25519_PUBLIC_PREFIX)) return parseEd25519PublicKey(text);
  if (text.startsWith(HMAC_SECRET_PREFIX)) return parseHmacSecret(text);
  throw new WebhookKeyError(WebhookKeyErrorCode.WrongPrefix, `a verifying key starts with ${HMAC_SECRET_PREFIX} or ${ED25519_PUBLIC_PREFIX}`);
}

/** A new HMAC secret: `whsec_` and base64 of 32 random bytes. */
export function newHmacSecret(): string {
  return `${HMAC_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * What a receiver verifies a signing key's signatures with, as key text: the `whpk_` public key of a
 * `whsk_` private key (safe to show), null for a `whsec_` secret (the secret itself: never shown again).
 */
export function verifyingKeyOf(signingKey: string): string | null {
  const key = parseSigningKey(signingKey);
  if (key.kind === 'hmac') return null;
  const x = Buffer.from(createPublicKey(key.privateKey).export({ format: 'jwk' }).x ?? '', 'base64url');
  return `${ED25519_PUBLIC_PREFIX}${x.toString('base64')}`;
}

/** A new Ed25519 key pair as key strings: the private key stays with the signer, the public key goes to receivers. */
export function newEd25519KeyPair(): { readonly privateKey: string; readonly publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const d = Buffer.from(jwk.d ?? '', 'base64url');
  const x = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return { privateKey: `${ED25519_PRIVATE_PREFIX}${d.toString('base64')}`, publicKey: `${ED25519_PUBLIC_PREFIX}${x.toString('base64')}` };
}
