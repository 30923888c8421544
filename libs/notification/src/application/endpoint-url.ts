import { refusedHost } from '@itsm/platform/webhooks';
import { NotificationErrorCode, notificationError } from '../domain/notification.errors';

/**
 * A webhook or chat target as it is stored and called, or NOTIFICATION.INVALID_ENDPOINT naming why
 * not: an absolute https URL (http too when private targets are allowed: tests, the all-in-one), no
 * user or password in it, no fragment, and unless allowed no loopback, private or link-local IP
 * literal and no `localhost`/`.local`/`.internal` name. Names that resolve to private addresses are
 * refused when called (the platform's HTTP transport checks the address it connects to).
 */
export function endpointUrl(text: string, allowPrivateTargets: boolean): string {
  const refuse = (reason: string) => notificationError(NotificationErrorCode.InvalidEndpoint, `The endpoint URL is not allowed: ${reason}.`, { field: 'url', reason });
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw refuse('not an absolute URL');
  }
  if (text.length > 2000) throw refuse('longer than 2000 characters');
  if (url.protocol !== 'https:' && !(allowPrivateTargets && url.protocol === 'http:')) throw refuse(allowPrivateTargets ? 'only http and https' : 'only https');
  if (url.username !== '' || url.password !== '') throw refuse('credentials in the URL');
  if (url.hash !== '') throw refuse('a fragment');
  if (!allowPrivateTargets && refusedHost(url.hostname)) throw refuse('a loopback, private or link-local target');
  return url.toString();
}
