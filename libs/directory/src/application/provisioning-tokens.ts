import { createHash, randomBytes } from 'node:crypto';

/** Every provisioning token starts so (secret scanners and logs recognise it). */
export const PROVISIONING_TOKEN_PREFIX = 'itsm_scim_';

/** A new token: the prefix and 32 random bytes, base64url. */
export function newProvisioningToken(): string {
  return `${PROVISIONING_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored of a token: its SHA-256, hex (a token has 256 random bits: no salt or slow hash needed). */
export function hashProvisioningToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
