import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GatewayClient } from './api/gateway-client';
import { sessionOf, storedSession, storedSignInMethod, storeSession, worksQueues } from './auth/session';
import type { Session, SignInMethod } from './auth/session';
import { LANGUAGES, switchLanguage } from './i18n/i18n';
import type { Language } from './i18n/i18n';
import { CatalogueItem } from './pages/catalogue-item';
import { Catalogue } from './pages/catalogue';
import { IncidentRecord } from './pages/incident-record';
import { MyApprovals } from './pages/my-approvals';
import { MyIncident } from './pages/my-incident';
import { MyTickets } from './pages/my-tickets';
import { ProblemRecord } from './pages/problem-record';
import { Problems } from './pages/problems';
import { isInternal } from './agent/roles';
import { Queue } from './pages/queue';
import { ReportIncident } from './pages/report-incident';
import { RequestPage } from './pages/request-page';
import { SignIn } from './pages/sign-in';
import { worksChanges } from './change/change-access';
import { hasApprovals, ordersItems } from './self-service/access';
import { ChangePages } from './change/change-pages';
import { Dashboards } from './pages/dashboards';
import { OidcCallback } from './pages/oidc-callback';
import type { OidcConfig } from './auth/oidc-settings';
import { seesDashboards } from './dashboards/dashboard-access';
import { Link, PortalContext } from './portal-context';
import type { Portal } from './portal-context';
import { pageOf, ROUTES } from './routes';

/** What the server tells the portal at start (GET /portal-config.json). */
export interface PortalConfig {
  readonly devPersonas: boolean;
  readonly trustedDocuments: boolean;
  /** OpenID Connect sign-in (production): PORTAL_OIDC_ISSUER etc. */
  readonly oidc?: OidcConfig;
}

export function App({ config }: { config: PortalConfig }) {
  const { t, i18n } = useTranslation();
  const [path, setPath] = useState(window.location.pathname);
  const [session, setSession] = useState<Session | undefined>(() => storedSession());
  const [notice, setNotice] = useState<string | undefined>(undefined);

  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, replace = false) => {
    if (replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setPath(to);
    setNotice(undefined);
    window.scrollTo(0, 0);
  }, []);

  // One client per signed-in person: a renewed token (OIDC) goes into it, live subscriptions stay open.
  const signedInSub = session?.sub;
  // Created with the token of the moment the person signs in (`session` read, not a dependency).
  const client = useMemo(() => (session === undefined ? undefined : new GatewayClient({ token: session.token, byId: config.trustedDocuments })), [signedInSub, config.trustedDocuments]);
  useEffect(() => {
    if (session !== undefined) client?.setToken(session.token);
  }, [client, session]);
  useEffect(() => () => void client?.close(), [client]);
  const portal: Portal | undefined = session && client ? { session, client, navigate } : undefined;

  const page = pageOf(path);
  useEffect(() => {
    const titles: Record<typeof page.kind, string> = { 'sign-in': t('signIn.title'), home: t('app.title'), 'my-tickets': t('myTickets.title'), report: t('report.title'), queue: t('queue.title'), incident: t('queue.title'), catalogue: t('selfService.catalogue.title'), 'catalogue-item': t('selfService.catalogue.title'), request: t('myTickets.title'), 'my-incident': t('myTickets.title'), approvals: t('selfService.approvals.title'), changes: t('change.list.title'), change: t('change.list.title'), 'change-calendar': t('change.calendar.title'), 'cab-agenda': t('change.cab.title'), problems: t('agent.problems.title'), problem: t('agent.problems.title'), dashboards: t('dashboards.title'), 'oidc-callback': t('signIn.title') };
    document.title = `${titles[page.kind]} · ${t('app.title')}`;
  }, [page.kind, t]);

  const [authProblem, setAuthProblem] = useState<string | undefined>(undefined);
  const [method, setMethod] = useState<SignInMethod | undefined>(() => storedSignInMethod() ?? (config.oidc !== undefined && !config.devPersonas ? 'oidc' : undefined));
  const signedIn = useCallback(
    (token: string, returnPath: string, how: SignInMethod) => {
      storeSession(token, how);
      setMethod(how);
      const next = sessionOf(token);
      setSession(next);
      setAuthProblem(undefined);
      // From the provider's callback the URL (code, state) is replaced: Back never returns to it.
      navigate(returnPath !== '/' ? returnPath : worksQueues(next) ? ROUTES.queue : ROUTES.myTickets, how === 'oidc');
    },
    [navigate],
  );
  const signedInAsPersona = useCallback((token: string) => signedIn(token, '/', 'persona'), [signedIn]);
  const signedInWithProvider = useCallback((token: string, returnPath: string) => signedIn(token, returnPath, 'oidc'), [signedIn]);
  const signOut = () => {
    const how = method;
    storeSession(undefined);
    setSession(undefined);
    setMethod(undefined);
    navigate(ROUTES.signIn);
    // Only a person who signed in with the provider is signed out there (a persona has no provider session).
    if (config.oidc !== undefined && how === 'oidc') void import('./auth/oidc').then(async (module) => module.signOut(config.oidc as OidcConfig));
  };
  // With the identity provider: each renewal (before expiry) replaces the token; a failed one signs out.
  const oidc = config.oidc;
  const signedInWithOidc = session !== undefined && oidc !== undefined && method === 'oidc';
  useEffect(() => {
    if (!signedInWithOidc || oidc === undefined) return undefined;
    let stop: (() => void) | undefined;
    let current = true;
    void import('./auth/oidc').then((module) => {
      if (!current) return;
      stop = module.followRenewals(
        oidc,
        (token) => {
          storeSession(token);
          setSession(sessionOf(token));
        },
        (message) => {
          storeSession(undefined);
          setSession(undefined);
          setMethod(undefined);
          setAuthProblem(t('oidc.renewFailed', { message }));
        },
      );
    });
    return () => {
      current = false;
      stop?.();
    };
  }, [signedInWithOidc, oidc, t]);
  const language = (event: ChangeEvent<HTMLSelectElement>) => void switchLanguage(event.target.value as Language);

  let content;
  if (portal === undefined) {
    content =
      page.kind === 'oidc-callback' && config.oidc !== undefined ? (
        <OidcCallback oidc={config.oidc} onToken={signedInWithProvider} onRetry={() => navigate(ROUTES.signIn, true)} />
      ) : (
        <SignIn devPersonas={config.devPersonas} onToken={signedInAsPersona} oidc={config.oidc} problem={authProblem} />
      );
  } else {
    switch (page.kind) {
      case 'report':
        content = (
          <ReportIncident
            onReported={(number) => {
              navigate(ROUTES.myTickets);
              setNotice(t('report.done', { number }));
            }}
          />
        );
        break;
      case 'queue':
        content = <Queue />;
        break;
      case 'incident':
        content = <IncidentRecord id={page.id} key={page.id} />;
        break;
      case 'my-tickets':
        content = <MyTickets notice={notice} />;
        break;
      case 'catalogue':
        content = <Catalogue />;
        break;
      case 'catalogue-item':
        content = (
          <CatalogueItem
            id={page.id}
            key={page.id}
            onOrdered={(request) => {
              navigate(ROUTES.request(request.id));
              setNotice(t('selfService.order.done', { number: request.number }));
            }}
          />
        );
        break;
      case 'request':
        content = <RequestPage id={page.id} key={page.id} notice={notice} />;
        break;
      case 'my-incident':
        content = <MyIncident id={page.id} key={page.id} />;
        break;
      case 'approvals':
        content = <MyApprovals />;
        break;
      case 'changes':
      case 'change':
      case 'change-calendar':
      case 'cab-agenda':
        content = <ChangePages page={page} />;
        break;
      case 'problems':
        content = isInternal(portal.session) ? <Problems /> : <p role="alert">{t('agent.problems.notYours')}</p>;
        break;
      case 'problem':
        content = isInternal(portal.session) ? <ProblemRecord id={page.id} key={page.id} /> : <p role="alert">{t('agent.problems.notYours')}</p>;
        break;
      case 'dashboards':
        content = <Dashboards />;
        break;
      case 'sign-in':
      case 'oidc-callback':
      case 'home':
        content = worksQueues(portal.session) ? <Queue /> : <MyTickets notice={notice} />;
        break;
    }
  }

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.title')}</span>
        {portal && (
          <nav aria-label={t('app.nav')}>
            <ul>
              {worksQueues(portal.session) && (
                <li>
                  <Link to={ROUTES.queue} navigate={navigate} aria-current={page.kind === 'queue' ? 'page' : undefined}>
                    {t('nav.queue')}
                  </Link>
                </li>
              )}
              {isInternal(portal.session) && (
                <li>
                  <Link to={ROUTES.problems} navigate={navigate} aria-current={page.kind === 'problems' || page.kind === 'problem' ? 'page' : undefined}>
                    {t('agent.problems.nav')}
                  </Link>
                </li>
              )}
              <li>
                <Link to={ROUTES.myTickets} navigate={navigate} aria-current={page.kind === 'my-tickets' || page.kind === 'request' || page.kind === 'my-incident' ? 'page' : undefined}>
                  {t('nav.myTickets')}
                </Link>
              </li>
              {worksChanges(portal.session.roles) &&
                (
                  [
                    ['changes', ROUTES.changes, 'change.nav.changes'],
                    ['change-calendar', ROUTES.changeCalendar, 'change.nav.calendar'],
                    ['cab-agenda', ROUTES.cabAgenda, 'change.nav.cab'],
                  ] as const
                ).map(([kind, to, label]) => (
                  <li key={kind}>
                    <Link to={to} navigate={navigate} aria-current={page.kind === kind || (kind === 'changes' && page.kind === 'change') ? 'page' : undefined}>
                      {t(label)}
                    </Link>
                  </li>
                ))}
              <li>
                <Link to={ROUTES.report} navigate={navigate} aria-current={page.kind === 'report' ? 'page' : undefined}>
                  {t('nav.report')}
                </Link>
              </li>
              {ordersItems(portal.session.roles) && (
                <li>
                  <Link to={ROUTES.catalogue} navigate={navigate} aria-current={page.kind === 'catalogue' || page.kind === 'catalogue-item' ? 'page' : undefined}>
                    {t('selfService.nav.catalogue')}
                  </Link>
                </li>
              )}
              {hasApprovals(portal.session.roles) && (
                <li>
                  <Link to={ROUTES.approvals} navigate={navigate} aria-current={page.kind === 'approvals' ? 'page' : undefined}>
                    {t('selfService.nav.approvals')}
                  </Link>
                </li>
              )}
              {seesDashboards(portal.session.roles) && (
                <li>
                  <Link to={ROUTES.dashboards} navigate={navigate} aria-current={page.kind === 'dashboards' ? 'page' : undefined}>
                    {t('dashboards.nav')}
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        )}
        <div className="tools">
          <label htmlFor="language">{t('app.language')}</label>
          <select id="language" value={i18n.language} onChange={language}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {code === 'en' ? 'English' : 'Deutsch'}
              </option>
            ))}
          </select>
          {portal && (
            <>
              <span className="who">{t('app.signedInAs', { name: portal.session.name })}</span>
              <button type="button" className="secondary" onClick={signOut}>
                {t('app.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {portal ? <PortalContext.Provider value={portal}>{content}</PortalContext.Provider> : content}
      </main>
    </>
  );
}
