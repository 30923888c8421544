import { objectIdFromKey } from '@itsm/platform/persistence';
import { recipientKey } from '../domain';
import type { Channel, Recipient } from '../domain';

/**
 * The id every delivery of (key, recipient, channel) shares, 24 hex digits stable across processes:
 * the delivery document's `_id`, the mail's Message-ID `<d.<id>@domain>`, the webhook's `msg_<id>`.
 * Claiming it (insert-once) is what makes a notice go out once per event, recipient and channel.
 */
export function deliveryId(key: string, recipient: Recipient, channel: Channel): string {
  return objectIdFromKey('notification-delivery', key, recipientKey(recipient), channel).toHexString();
}
