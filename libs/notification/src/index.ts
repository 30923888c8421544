/*
 * Notifications and on-call (issue 16): rules on every event stream, email, signed webhooks, chat and
 * in-app delivery exactly once per recipient and channel, preferences, digests, on-call escalation.
 */
export * from './domain';
export { NOTIFICATION_CONSUMER_GROUP, NOTIFIABLE_TOPICS, notificationContext } from './notification.context';
