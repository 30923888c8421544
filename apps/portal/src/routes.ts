/**
 * The portal's client routes. The build writes ROUTE_PREFIXES to portal-routes.json: the server
 * answers these paths (and `/`) with index.html, and only these.
 */
export const ROUTES = {
  home: '/',
  signIn: '/sign-in',
  myTickets: '/self-service',
  report: '/self-service/report',
  queue: '/agent',
  incident: (id: string) => `/agent/incidents/${encodeURIComponent(id)}`,
  problems: '/agent/problems',
  problem: (id: string) => `/agent/problems/${encodeURIComponent(id)}`,
} as const;

export const ROUTE_PREFIXES: readonly string[] = ['/sign-in', '/self-service', '/agent'];

export type Page =
  | { readonly kind: 'sign-in' }
  | { readonly kind: 'my-tickets' }
  | { readonly kind: 'report' }
  | { readonly kind: 'queue' }
  | { readonly kind: 'incident'; readonly id: string }
  | { readonly kind: 'home' }
  | { readonly kind: 'problems' }
  | { readonly kind: 'problem'; readonly id: string };

/** The page a path shows. */
export function pageOf(path: string): Page {
  const incident = /^\/agent\/incidents\/([^/]+)$/.exec(path);
  if (incident?.[1] !== undefined) return { kind: 'incident', id: decodeURIComponent(incident[1]) };
  const problem = /^\/agent\/problems\/([^/]+)$/.exec(path);
  if (problem?.[1] !== undefined) return { kind: 'problem', id: decodeURIComponent(problem[1]) };
  switch (path.replace(/\/+$/, '')) {
    case ROUTES.signIn:
      return { kind: 'sign-in' };
    case ROUTES.myTickets:
      return { kind: 'my-tickets' };
    case ROUTES.report:
      return { kind: 'report' };
    case ROUTES.queue:
      return { kind: 'queue' };
    case ROUTES.problems:
      return { kind: 'problems' };
    default:
      return { kind: 'home' };
  }
}
