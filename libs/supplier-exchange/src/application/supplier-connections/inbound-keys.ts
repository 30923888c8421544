import { parseVerifyingKey } from '@itsm/platform/webhooks';
import type { WebhookVerifyingKey } from '@itsm/platform/webhooks';
import type { InboundKeyCheck, SupplierConnection } from '../../domain';
import { keyCheck, parsedOnce } from './connection-keys';

/** A connection's inbound key check: the webhook key parser's reason, or undefined for a `whpk_`/`whsec_` key. */
export const checkInboundKey: InboundKeyCheck = keyCheck(parseVerifyingKey);

const verifyingKeys = parsedOnce(parseVerifyingKey);

/** The connection's inbound keys as verifying keys (checked when the connection was parsed). */
export function inboundVerifyingKeys(connection: Pick<SupplierConnection, 'inboundKeys'>): readonly WebhookVerifyingKey[] {
  return verifyingKeys(connection.inboundKeys);
}
