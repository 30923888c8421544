import { createHash } from 'node:crypto';
import { WebhookKeyError } from '@itsm/platform/webhooks';

/** A key text's check for the connection parser from a webhook key parser: the parser's reason, or undefined for a key it reads. */
export function keyCheck(parse: (text: string) => unknown): (text: string) => string | undefined {
  return (text) => {
    try {
      parse(text);
      return undefined;
    } catch (error) {
      if (error instanceof WebhookKeyError) return error.message;
      throw error;
    }
  };
}

/**
 * A connection's key list as parsed keys, parsed once per list: a saved connection's lists are
 * replaced, never changed, when an admin saves it (the texts were checked when it was parsed).
 */
export function parsedOnce<K>(parse: (text: string) => K): (keys: readonly string[]) => readonly K[] {
  const parsed = new WeakMap<readonly string[], readonly K[]>();
  return (keys) => {
    const cached = parsed.get(keys);
    if (cached !== undefined) return cached;
    const made = keys.map((text) => parse(text));
    parsed.set(keys, made);
    return made;
  };
}

/** A key's id as admins see it (and name it to retire it): the first 16 hex digits of its text's SHA-256, which tell nothing of the key. */
export function keyId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
