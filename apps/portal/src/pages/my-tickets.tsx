import { useTranslation } from 'react-i18next';
import type { Connection, IncidentSummary } from '../api/types';
import { Alert, IncidentTable } from '../components';
import { useLiveIncidents } from '../live-incidents';
import { usePortal } from '../portal-context';

/** Self-service: the incidents I reported, with their states and SLA status, live. */
export function MyTickets({ notice }: { notice: string | undefined }) {
  const { t } = useTranslation();
  const { client, session } = usePortal();
  const { incidents, error } = useLiveIncidents(
    `mine:${session.sub}`,
    async () => (await client.request<{ incidents: Connection<IncidentSummary> }>('Incidents', { filter: { callerId: session.sub } })).incidents.edges.map((edge) => edge.node),
    { callerId: session.sub },
    () => true,
  );
  return (
    <section aria-labelledby="my-tickets-title">
      <h1 id="my-tickets-title">{t('myTickets.title')}</h1>
      {notice !== undefined && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      {incidents === undefined ? <p>{t('common.loading')}</p> : incidents.length === 0 ? <p>{t('myTickets.empty')}</p> : <IncidentTable caption={t('myTickets.title')} incidents={incidents} linked={false} />}
    </section>
  );
}
