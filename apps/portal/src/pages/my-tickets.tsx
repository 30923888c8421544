import { useTranslation } from 'react-i18next';
import type { Connection, IncidentSummary } from '../api/types';
import { Alert } from '../components';
import { useLiveIncidents } from '../live-incidents';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import { MyIncidentsTable, MyRequestsTable } from '../self-service/ticket-tables';
import { ordersItems, readsRequests } from '../self-service/access';
import { LoadMore } from '../self-service/load-more';
import type { RequestSummary } from '../self-service/types';
import type { Page } from '../self-service/use-paged-query';
import { usePagedQuery } from '../self-service/use-paged-query';

const pickRequests = (answer: { requests: Page<RequestSummary> }) => answer.requests;
const idOfRequest = (request: RequestSummary) => request.id;

/** Self-service: the incidents I reported (live) beside the requests I ordered or that are for me, with their states and SLA status. */
export function MyTickets({ notice }: { notice: string | undefined }) {
  const { t } = useTranslation();
  const { client, session, navigate } = usePortal();
  const { incidents, error } = useLiveIncidents(
    `mine:${session.sub}`,
    async () => (await client.request<{ incidents: Connection<IncidentSummary> }>('Incidents', { filter: { callerId: session.sub } })).incidents.edges.map((edge) => edge.node),
    { callerId: session.sub },
    () => true,
  );
  // A supplier agent works tasks: the server refuses it requests, so the list is not asked for.
  const showsRequests = readsRequests(session.roles);
  const requests = usePagedQuery('Requests', {}, 'mine', pickRequests, idOfRequest, showsRequests);
  // A catalogue admin reads every request: "my requests" are those ordered by or for me.
  const requestList = requests.nodes?.filter((request) => request.requestedById === session.sub || request.requestedForId === session.sub);
  const errors = [error, requests.error].filter((e): e is string => e !== undefined).map((message) => t('common.error', { message }));
  return (
    <section aria-labelledby="my-tickets-title">
      <h1 id="my-tickets-title">{t('myTickets.title')}</h1>
      {notice !== undefined && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <Alert messages={errors} />
      <div className="tickets">
        <section aria-labelledby="my-incidents-title">
          <h2 id="my-incidents-title">{t('selfService.tickets.incidents')}</h2>
          {incidents === undefined ? <p>{t('common.loading')}</p> : incidents.length === 0 ? <p>{t('myTickets.empty')}</p> : <MyIncidentsTable incidents={incidents} />}
        </section>
        {showsRequests && (
        <section aria-labelledby="my-requests-title">
          <h2 id="my-requests-title">{t('selfService.tickets.requests')}</h2>
          {requestList === undefined ? (
            requests.error === undefined && <p>{t('common.loading')}</p>
          ) : requestList.length === 0 ? (
            <p>
              {ordersItems(session.roles) ? (
                <>
                  {t('selfService.tickets.noRequests')}{' '}
                  <Link to={ROUTES.catalogue} navigate={navigate}>
                    {t('selfService.catalogue.title')}
                  </Link>
                </>
              ) : (
                t('selfService.tickets.none')
              )}
            </p>
          ) : (
            <MyRequestsTable requests={requestList} />
          )}
          <LoadMore hasMore={requests.hasMore} busy={requests.loadingMore} onClick={requests.loadMore} />
        </section>
        )}
      </div>
    </section>
  );
}
