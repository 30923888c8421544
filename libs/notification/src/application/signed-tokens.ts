import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token may be used for: a reply address, an acknowledgement link. A token for one never passes for another. */
export type TokenPurpose = 'reply' | 'acknowledge';

const MAC_HEX = 20; // 80 bits: ample against forgery of a short-lived address, and a local part stays under 64 octets
const ID = /^[a-z0-9]{1,40}$/;

/**
 * Signs and checks the short tokens in reply addresses (`reply+<id>.<mac>@domain`) and links
 * (`/ack/<id>.<mac>`): `<id>` (lower-case letters and digits: mail local parts may be case-folded)
 * and an HMAC-SHA256 over purpose and id with the context's signing secret, truncated to 80 bits,
 * lower-case hex. Verification is constant-time.
 */
export class SignedTokens {
  constructor(private readonly secret: string) {}

  sign(purpose: TokenPurpose, id: string): string {
    if (!ID.test(id)) throw new Error(`a signed token's id must be 1-40 lower-case letters or digits, got ${JSON.stringify(id)}`);
    return `${id}.${this.mac(purpose, id)}`;
  }

  /** The id the token carries, or null when it is malformed or its MAC does not verify (case-insensitive). */
  verify(purpose: TokenPurpose, token: string): string | null {
    const match = /^([a-z0-9]{1,40})\.([0-9a-f]+)$/.exec(token.toLowerCase());
    if (match === null) return null;
    const [, id, mac] = match as unknown as [string, string, string];
    const expected = Buffer.from(this.mac(purpose, id), 'utf8');
    const given = Buffer.from(mac, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }

  private mac(purpose: TokenPurpose, id: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}:${id}`).digest('hex').slice(0, MAC_HEX);
  }
}
