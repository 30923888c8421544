import { notificationTopic, TopicRegistry } from '@itsm/contracts';
import { notificationError, NotificationErrorCode } from '../domain';

/** Where the notification context's own events come from. */
export const NOTIFICATION_SOURCE = '/itsm/notification';

/** How the context's repositories turn its records' events into `itsm.notification.v1` envelopes (aggregateEnvelopes). */
export const NOTIFICATION_ENVELOPES = {
  registry: new TopicRegistry([notificationTopic]),
  topicOf: () => notificationTopic.name,
  source: NOTIFICATION_SOURCE,
  invalid: (message: string) => notificationError(NotificationErrorCode.InvalidInput, message),
};
