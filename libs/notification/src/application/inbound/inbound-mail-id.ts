import { objectIdFromKey } from '@itsm/platform/persistence';
import { createHash } from 'node:crypto';

/** The id an inbound mail is kept under (24 hex digits): from its Message-ID, else from its bytes, so a mail received twice is kept once. */
export function inboundMailId(messageId: string | null, raw: Buffer): string {
  return objectIdFromKey('notification-inbound-mail', messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`).toHexString();
}
