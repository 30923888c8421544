import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage } from 'node:http';
import { requestMediaType } from './limited-body';

/** A route prefix: `/` and path segments of URL-safe characters, no trailing slash (`/scim/v2`). */
export const ROUTE_PREFIX = /^(\/[A-Za-z0-9._~-]+)+$/;

/** Whether `url` (path and query) is `prefix` or below it; case-insensitive, as Express matches routes. */
export function isUnderPrefix(url: string, prefix: string): boolean {
  const path = url.split('?', 1)[0]?.toLowerCase() ?? '';
  const wanted = prefix.toLowerCase();
  return path === wanted || path.startsWith(`${wanted}/`);
}

/**
 * Nest's default body parsers (JSON up to 100 kB, extended URL-encoded forms), except under
 * `prefixes`, whose bodies stay unread for the routes' own middleware. Call before the app initialises.
 */
export function useBodyParsersOutside(app: NestExpressApplication, prefixes: readonly string[]): void {
  const outside = (type: string) => (request: IncomingMessage): boolean =>
    requestMediaType(request) === type && !prefixes.some((prefix) => isUnderPrefix(request.url ?? '', prefix));
  app.useBodyParser('json', { type: outside('application/json') });
  app.useBodyParser('urlencoded', { extended: true, type: outside('application/x-www-form-urlencoded') });
}
