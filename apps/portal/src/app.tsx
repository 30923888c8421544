import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GatewayClient } from './api/gateway-client';
import { sessionOf, storedSession, storeSession, worksQueues } from './auth/session';
import type { Session } from './auth/session';
import { LANGUAGES, switchLanguage } from './i18n/i18n';
import type { Language } from './i18n/i18n';
import { CatalogueItem } from './pages/catalogue-item';
import { Catalogue } from './pages/catalogue';
import { IncidentRecord } from './pages/incident-record';
import { MyApprovals } from './pages/my-approvals';
import { MyIncident } from './pages/my-incident';
import { MyTickets } from './pages/my-tickets';
import { Queue } from './pages/queue';
import { ReportIncident } from './pages/report-incident';
import { RequestPage } from './pages/request-page';
import { SignIn } from './pages/sign-in';
import { worksChanges } from './change/change-access';
import { hasApprovals, ordersItems } from './self-service/access';
import { ChangePages } from './change/change-pages';
import { Link, PortalContext } from './portal-context';
import type { Portal } from './portal-context';
import { pageOf, ROUTES } from './routes';

/** What the server tells the portal at start (GET /portal-config.json). */
export interface PortalConfig {
  readonly devPersonas: boolean;
  readonly trustedDocuments: boolean;
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
  const navigate = useCallback((to: string) => {
    window.history.pushState(null, '', to);
    setPath(to);
    setNotice(undefined);
    window.scrollTo(0, 0);
  }, []);

  const client = useMemo(() => (session === undefined ? undefined : new GatewayClient({ token: session.token, byId: config.trustedDocuments })), [session, config.trustedDocuments]);
  useEffect(() => () => void client?.close(), [client]);
  const portal: Portal | undefined = session && client ? { session, client, navigate } : undefined;

  const page = pageOf(path);
  useEffect(() => {
    const titles: Record<typeof page.kind, string> = { 'sign-in': t('signIn.title'), home: t('app.title'), 'my-tickets': t('myTickets.title'), report: t('report.title'), queue: t('queue.title'), incident: t('queue.title'), catalogue: t('selfService.catalogue.title'), 'catalogue-item': t('selfService.catalogue.title'), request: t('myTickets.title'), 'my-incident': t('myTickets.title'), approvals: t('selfService.approvals.title'), changes: t('change.list.title'), change: t('change.list.title'), 'change-calendar': t('change.calendar.title'), 'cab-agenda': t('change.cab.title') };
    document.title = `${titles[page.kind]} · ${t('app.title')}`;
  }, [page.kind, t]);

  const signedIn = (token: string) => {
    storeSession(token);
    const next = sessionOf(token);
    setSession(next);
    navigate(worksQueues(next) ? ROUTES.queue : ROUTES.myTickets);
  };
  const signOut = () => {
    storeSession(undefined);
    setSession(undefined);
    navigate(ROUTES.signIn);
  };
  const language = (event: ChangeEvent<HTMLSelectElement>) => void switchLanguage(event.target.value as Language);

  let content;
  if (portal === undefined) {
    content = <SignIn devPersonas={config.devPersonas} onToken={signedIn} />;
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
      case 'sign-in':
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
              <li>
                <Link to={ROUTES.myTickets} navigate={navigate} aria-current={page.kind === 'my-tickets' ? 'page' : undefined}>
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
