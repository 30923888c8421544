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
  catalogue: '/self-service/catalogue',
  catalogItem: (id: string) => `/self-service/catalogue/${encodeURIComponent(id)}`,
  request: (id: string) => `/self-service/requests/${encodeURIComponent(id)}`,
  myIncident: (id: string) => `/self-service/incidents/${encodeURIComponent(id)}`,
  approvals: '/self-service/approvals',
  changes: '/change',
  change: (id: string) => `/change/changes/${encodeURIComponent(id)}`,
  changeCalendar: '/change/calendar',
  cabAgenda: '/change/cab',
  problems: '/agent/problems',
  problem: (id: string) => `/agent/problems/${encodeURIComponent(id)}`,
  dashboards: '/dashboards',
  oidcCallback: '/auth/callback',
} as const;

export const ROUTE_PREFIXES: readonly string[] = ['/sign-in', '/self-service', '/agent', '/change', '/dashboards', '/auth/callback'];

export type Page =
  | { readonly kind: 'sign-in' }
  | { readonly kind: 'my-tickets' }
  | { readonly kind: 'report' }
  | { readonly kind: 'queue' }
  | { readonly kind: 'incident'; readonly id: string }
  | { readonly kind: 'home' }
  | { readonly kind: 'catalogue' }
  | { readonly kind: 'catalogue-item'; readonly id: string }
  | { readonly kind: 'request'; readonly id: string }
  | { readonly kind: 'my-incident'; readonly id: string }
  | { readonly kind: 'approvals' }
  | { readonly kind: 'changes' }
  | { readonly kind: 'change'; readonly id: string }
  | { readonly kind: 'change-calendar' }
  | { readonly kind: 'cab-agenda' }
  | { readonly kind: 'problems' }
  | { readonly kind: 'problem'; readonly id: string }
  | { readonly kind: 'dashboards' }
  | { readonly kind: 'oidc-callback' };

/** Self-service pages with an id in their path. */
const SELF_SERVICE_RECORDS = [
  { kind: 'catalogue-item', path: /^\/self-service\/catalogue\/([^/]+)$/ },
  { kind: 'request', path: /^\/self-service\/requests\/([^/]+)$/ },
  { kind: 'my-incident', path: /^\/self-service\/incidents\/([^/]+)$/ },
] as const;

/** The page a path shows. */
export function pageOf(path: string): Page {
  const incident = /^\/agent\/incidents\/([^/]+)$/.exec(path);
  if (incident?.[1] !== undefined) return { kind: 'incident', id: decodeURIComponent(incident[1]) };
  for (const record of SELF_SERVICE_RECORDS) {
    const id = record.path.exec(path)?.[1];
    if (id !== undefined) return { kind: record.kind, id: decodeURIComponent(id) };
  }
  const change = /^\/change\/changes\/([^/]+)$/.exec(path);
  if (change?.[1] !== undefined) return { kind: 'change', id: decodeURIComponent(change[1]) };
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
    case ROUTES.catalogue:
      return { kind: 'catalogue' };
    case ROUTES.approvals:
      return { kind: 'approvals' };
    case ROUTES.changes:
      return { kind: 'changes' };
    case ROUTES.changeCalendar:
      return { kind: 'change-calendar' };
    case ROUTES.cabAgenda:
      return { kind: 'cab-agenda' };
    case ROUTES.problems:
      return { kind: 'problems' };
    case ROUTES.dashboards:
      return { kind: 'dashboards' };
    case ROUTES.oidcCallback:
      return { kind: 'oidc-callback' };
    default:
      return { kind: 'home' };
  }
}
