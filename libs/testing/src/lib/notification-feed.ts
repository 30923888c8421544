import { notificationTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { TopicFeed } from './topic-feed';

export type NotificationEvent = EventOf<typeof notificationTopic>;
export type ReplyReceivedEvent = Extract<NotificationEvent, { type: 'itsm.notification.reply-received.v1' }>;

/** A reply to write: about which ticket, whose, what it says (`deliveryId`: the mail answered). */
export interface ReplySpec {
  readonly ticketTopic: string;
  readonly ticketId: string;
  readonly replyId: string;
  readonly personId: string;
  readonly body: string;
  readonly deliveryId?: string;
}

/**
 * Writes `itsm.notification.v1` events as the notification context publishes them, for tests of the
 * contexts that follow it: a reply is keyed by its ticket (numbered 1, 2, 3, ... per ticket), `by`
 * the replying person, checked against the contract.
 */
export class NotificationFeed extends TopicFeed {
  constructor(source = '/itsm/notification', by = 'u-notification-test') {
    super(notificationTopic, source, by);
  }

  replyReceived(reply: ReplySpec): ReplyReceivedEvent {
    const { deliveryId = '0123456789abcdef01234567', ...rest } = reply;
    const envelope = this.envelope('itsm.notification.reply-received.v1', reply.ticketId, { ...rest, deliveryId }) as ReplyReceivedEvent;
    return { ...envelope, data: { ...envelope.data, by: reply.personId } };
  }
}
