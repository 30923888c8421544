import { newEd25519KeyPair, newHmacSecret, parseSigningKey, parseVerifyingKey, verifyingKeyOf } from '@itsm/platform/webhooks';
import { keyId } from './connection-keys';

/** The kinds of webhook signing key the exchange issues: Ed25519 (the supplier verifies with the public key) or an HMAC secret (shared). */
export const SIGNING_KEY_KINDS = ['ed25519', 'hmac'] as const;
export type SigningKeyKind = (typeof SIGNING_KEY_KINDS)[number];

/** A connection key as admins see it: never a private key or secret, except a signing HMAC secret once, when issued. */
export interface KeyView {
  readonly id: string;
  readonly kind: SigningKeyKind;
  /** What the supplier verifies with: the `whpk_` public key of an Ed25519 key; the `whsec_` secret of an HMAC key only when just issued, else null. */
  readonly verifyingKey: string | null;
}

/** A new signing key's text (`whsk_` or `whsec_`), made server-side so no secret travels in. */
export function issueSigningKey(kind: SigningKeyKind): string {
  return kind === 'hmac' ? newHmacSecret() : newEd25519KeyPair().privateKey;
}

/** How a signing key is shown; `justIssued` shows an HMAC secret (the only time). */
export function signingKeyView(text: string, justIssued = false): KeyView {
  const kind: SigningKeyKind = parseSigningKey(text).kind;
  return { id: keyId(text), kind, verifyingKey: kind === 'hmac' ? (justIssued ? text : null) : verifyingKeyOf(text) };
}

/** How an inbound (verifying) key is shown: a `whpk_` public key in clear, a `whsec_` secret by its id only. */
export function inboundKeyView(text: string): KeyView {
  const kind: SigningKeyKind = parseVerifyingKey(text).kind;
  return { id: keyId(text), kind, verifyingKey: kind === 'ed25519' ? text : null };
}
