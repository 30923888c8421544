import { parseVerifyingKey, WebhookKeyError } from '@itsm/platform/webhooks';
import type { WebhookVerifyingKey } from '@itsm/platform/webhooks';
import type { InboundKeyCheck, SupplierConnection } from '../../domain';

/** A connection's inbound key check: the webhook key parser's reason, or undefined for a `whpk_`/`whsec_` key. */
export const checkInboundKey: InboundKeyCheck = (text) => {
  try {
    parseVerifyingKey(text);
    return undefined;
  } catch (error) {
    if (error instanceof WebhookKeyError) return error.message;
    throw error;
  }
};

/** Parsed once per saved key list (a connection's list is replaced, never changed, when an admin saves it). */
const parsed = new WeakMap<readonly string[], readonly WebhookVerifyingKey[]>();

/** The connection's inbound keys as verifying keys (checked when the connection was parsed). */
export function inboundVerifyingKeys(connection: Pick<SupplierConnection, 'inboundKeys'>): readonly WebhookVerifyingKey[] {
  const cached = parsed.get(connection.inboundKeys);
  if (cached !== undefined) return cached;
  const keys = connection.inboundKeys.map((text) => parseVerifyingKey(text));
  parsed.set(connection.inboundKeys, keys);
  return keys;
}
