import { checkTargetUrl } from '@itsm/platform/webhooks';
import { NotificationErrorCode, notificationError } from '../domain/notification.errors';

/**
 * A webhook or chat target as it is stored and called (the platform's target URL policy, see
 * checkTargetUrl), or NOTIFICATION.INVALID_ENDPOINT naming why not.
 */
export function endpointUrl(text: string, allowPrivateTargets: boolean): string {
  const checked = checkTargetUrl(text, allowPrivateTargets);
  if (checked.ok) return checked.url;
  throw notificationError(NotificationErrorCode.InvalidEndpoint, `The endpoint URL is not allowed: ${checked.reason}.`, { field: 'url', reason: checked.reason });
}
