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
  dashboards: '/dashboards',
  oidcCallback: '/auth/callback',
} as const;

export const ROUTE_PREFIXES: readonly string[] = ['/sign-in', '/self-service', '/agent', '/dashboards', '/auth/callback'];

export type Page =
  | { readonly kind: 'sign-in' }
  | { readonly kind: 'my-tickets' }
  | { readonly kind: 'report' }
  | { readonly kind: 'queue' }
  | { readonly kind: 'incident'; readonly id: string }
  | { readonly kind: 'home' }
  | { readonly kind: 'dashboards' }
  | { readonly kind: 'oidc-callback' };

/** The page a path shows. */
export function pageOf(path: string): Page {
  const incident = /^\/agent\/incidents\/([^/]+)$/.exec(path);
  if (incident?.[1] !== undefined) return { kind: 'incident', id: decodeURIComponent(incident[1]) };
  switch (path.replace(/\/+$/, '')) {
    case ROUTES.signIn:
      return { kind: 'sign-in' };
    case ROUTES.myTickets:
      return { kind: 'my-tickets' };
    case ROUTES.report:
      return { kind: 'report' };
    case ROUTES.queue:
      return { kind: 'queue' };
    case ROUTES.dashboards:
      return { kind: 'dashboards' };
    case ROUTES.oidcCallback:
      return { kind: 'oidc-callback' };
    default:
      return { kind: 'home' };
  }
}
