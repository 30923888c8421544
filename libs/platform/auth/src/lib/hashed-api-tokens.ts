import { createHash, randomBytes } from 'node:crypto';

/** A prefix names the kind of token (secret scanners and logs recognise it): lower-case, ends with `_`. */
const PREFIX = /^[a-z][a-z0-9]*(_[a-z0-9]+)*_$/;
/** The random part: 32 bytes, base64url (43 characters). */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** A token told once to its holder and what is kept of it. */
export interface IssuedApiToken {
  readonly token: string;
  readonly hash: string;
}

/** Who holds a token: live until revoked. */
export interface ApiTokenHolder {
  readonly revokedAt: Date | null;
}

/**
 * Long-lived API tokens of one kind (SCIM provisioning clients, deployment pipelines): a recognisable
 * prefix and 256 random bits, stored only as their SHA-256 (hex). A token with that much entropy
 * needs no salt or slow hash: the hash is the look-up key, found by an index.
 */
export class HashedApiTokens {
  constructor(readonly prefix: string) {
    if (!PREFIX.test(prefix)) throw new Error(`API token prefix "${prefix}" must be lower-case words joined and ended by "_"`);
  }

  /** A new token and its hash: tell the token once, keep the hash. */
  issue(): IssuedApiToken {
    const token = `${this.prefix}${randomBytes(32).toString('base64url')}`;
    return { token, hash: this.hash(token) };
  }

  /** What is stored of a token: its SHA-256, hex. */
  hash(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('hex');
  }

  /** The hash to look a presented token up by, or undefined when it cannot be one of this kind (then nothing is looked up). */
  lookupHash(presented: string | undefined): string | undefined {
    if (presented === undefined || !presented.startsWith(this.prefix)) return undefined;
    return SECRET.test(presented.slice(this.prefix.length)) ? this.hash(presented) : undefined;
  }

  /** The live holder of a presented token (found by its hash), or undefined: none, malformed, unknown or revoked. */
  async authenticate<H extends ApiTokenHolder>(presented: string | undefined, byHash: (hash: string) => Promise<H | undefined>): Promise<H | undefined> {
    const hash = this.lookupHash(presented);
    if (hash === undefined) return undefined;
    const holder = await byHash(hash);
    return holder === undefined || holder.revokedAt !== null ? undefined : holder;
  }
}
