import { useTranslation } from 'react-i18next';
import type { Connection, IncidentSummary } from '../api/types';
import { Alert } from '../components';
import { useLiveIncidents } from '../live-incidents';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import { MyIncidentsTable, MyRequestsTable } from '../self-service/ticket-tables';
import type { RequestSummary } from '../self-service/types';
import { useQuery } from '../self-service/use-query';

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
  const requests = useQuery<{ requests: Connection<RequestSummary> }>('Requests', {}, 'mine');
  const requestList = requests.data?.requests.edges.map((edge) => edge.node);
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
        <section aria-labelledby="my-requests-title">
          <h2 id="my-requests-title">{t('selfService.tickets.requests')}</h2>
          {requestList === undefined ? (
            requests.error === undefined && <p>{t('common.loading')}</p>
          ) : requestList.length === 0 ? (
            <p>
              {t('selfService.tickets.noRequests')}{' '}
              <Link to={ROUTES.catalogue} navigate={navigate}>
                {t('selfService.catalogue.title')}
              </Link>
            </p>
          ) : (
            <MyRequestsTable requests={requestList} />
          )}
        </section>
      </div>
    </section>
  );
}
