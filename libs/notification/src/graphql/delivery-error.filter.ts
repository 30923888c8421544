import { CodedErrorFilter } from '@itsm/platform/graphql';
import { NOTIFICATION_ERROR_KINDS, NotificationErrorCode } from '../domain';

/** Notification errors at the GraphQL edge of the delivery and inbox resolvers: `extensions.code` is the domain code. */
export const deliveryErrorFilter = new CodedErrorFilter({ kinds: NOTIFICATION_ERROR_KINDS, concurrencyCode: NotificationErrorCode.Conflict });
