import { CodedErrorFilter } from '@itsm/platform/graphql';
import { NOTIFICATION_ERROR_KINDS, NotificationErrorCode } from '../domain';

/** Notification errors at the GraphQL edge: `extensions.code` is the domain code, `extensions.details` its fields. */
export const notificationErrorFilter = new CodedErrorFilter({ kinds: NOTIFICATION_ERROR_KINDS, concurrencyCode: NotificationErrorCode.Conflict });
