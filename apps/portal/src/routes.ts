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
  changes: '/change',
  change: (id: string) => `/change/changes/${encodeURIComponent(id)}`,
  changeCalendar: '/change/calendar',
  cabAgenda: '/change/cab',
} as const;

export const ROUTE_PREFIXES: readonly string[] = ['/sign-in', '/self-service', '/agent', '/change'];

export type Page =
  | { readonly kind: 'sign-in' }
  | { readonly kind: 'my-tickets' }
  | { readonly kind: 'report' }
  | { readonly kind: 'queue' }
  | { readonly kind: 'incident'; readonly id: string }
  | { readonly kind: 'home' }
  | { readonly kind: 'changes' }
  | { readonly kind: 'change'; readonly id: string }
  | { readonly kind: 'change-calendar' }
  | { readonly kind: 'cab-agenda' };

/** The page a path shows. */
export function pageOf(path: string): Page {
  const incident = /^\/agent\/incidents\/([^/]+)$/.exec(path);
  if (incident?.[1] !== undefined) return { kind: 'incident', id: decodeURIComponent(incident[1]) };
  const change = /^\/change\/changes\/([^/]+)$/.exec(path);
  if (change?.[1] !== undefined) return { kind: 'change', id: decodeURIComponent(change[1]) };
  switch (path.replace(/\/+$/, '')) {
    case ROUTES.signIn:
      return { kind: 'sign-in' };
    case ROUTES.myTickets:
      return { kind: 'my-tickets' };
    case ROUTES.report:
      return { kind: 'report' };
    case ROUTES.queue:
      return { kind: 'queue' };
    case ROUTES.changes:
      return { kind: 'changes' };
    case ROUTES.changeCalendar:
      return { kind: 'change-calendar' };
    case ROUTES.cabAgenda:
      return { kind: 'cab-agenda' };
    default:
      return { kind: 'home' };
  }
}
