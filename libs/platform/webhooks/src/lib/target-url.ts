import { refusedHost } from './private-address';

/** A webhook target URL as it is stored and called, or why it is refused. */
export type TargetUrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

/**
 * Checks a webhook target (a notification endpoint, a supplier's webhook): an absolute https URL
 * (http too when private targets are allowed: tests, the all-in-one), at most 2000 characters, no
 * user or password in it, no fragment, and unless allowed no loopback, private or link-local IP
 * literal and no `localhost`/`.local`/`.internal` name. Names that resolve to private addresses are
 * refused when called (NodeHttpTransport checks the address it connects to).
 */
export function checkTargetUrl(text: string, allowPrivateTargets: boolean): TargetUrlCheck {
  const refuse = (reason: string): TargetUrlCheck => ({ ok: false, reason });
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return refuse('not an absolute URL');
  }
  if (text.length > 2000) return refuse('longer than 2000 characters');
  if (url.protocol !== 'https:' && !(allowPrivateTargets && url.protocol === 'http:')) return refuse(allowPrivateTargets ? 'only http and https' : 'only https');
  if (url.username !== '' || url.password !== '') return refuse('credentials in the URL');
  if (url.hash !== '') return refuse('a fragment');
  if (!allowPrivateTargets && refusedHost(url.hostname)) return refuse('a loopback, private or link-local target');
  return { ok: true, url: url.toString() };
}
