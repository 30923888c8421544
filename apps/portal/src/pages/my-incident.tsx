import { useTranslation } from 'react-i18next';
import type { IncidentRecord } from '../api/types';
import { Alert, SlaList, StateBadge } from '../components';
import { useLiveIncident } from '../live-incidents';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import { CommentForm, CommentList } from '../self-service/comment-form';

/** Self-service: my incident, live, with its public comments (never work notes) and a box to comment. */
export function MyIncident({ id }: { id: string }) {
  const { t } = useTranslation();
  const { client, navigate } = usePortal();
  const { incident, error, keep } = useLiveIncident(id);

  if (incident === undefined) return error === undefined ? <p>{t('common.loading')}</p> : <Alert messages={[t('common.error', { message: error })]} />;
  const comment = async (body: string) => {
    const { addIncidentNote } = await client.request<{ addIncidentNote: IncidentRecord }>('AddIncidentNote', { input: { id: incident.id, kind: 'comment', body } });
    keep(addIncidentNote);
  };
  const comments = incident.notes.filter((note) => note.kind === 'comment').map((note) => ({ id: note.id, by: note.authorId, at: note.at, text: note.body }));
  return (
    <article aria-labelledby="my-incident-title">
      <p>
        <Link to={ROUTES.myTickets} navigate={navigate}>
          {t('selfService.tickets.back')}
        </Link>
      </p>
      <h1 id="my-incident-title">
        {t('record.title', { number: incident.number })}: {incident.title}
      </h1>
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      <section aria-labelledby="my-incident-details" className="card">
        <h2 id="my-incident-details">{t('record.details')}</h2>
        <dl>
          <dt>{t('columns.state')}</dt>
          <dd data-testid="my-incident-state">
            <StateBadge state={incident.state} />
          </dd>
          <dt>{t('record.priority')}</dt>
          <dd>P{incident.priority}</dd>
          <dt>{t('columns.sla')}</dt>
          <dd>
            <SlaList slas={incident.slas} />
          </dd>
        </dl>
        <p className="description">{incident.description}</p>
        {incident.resolution !== null && (
          <p>
            {t('record.resolution')}: {incident.resolution.notes}
          </p>
        )}
      </section>
      <section aria-labelledby="my-incident-comments" className="card">
        <h2 id="my-incident-comments">{t('selfService.comments.title')}</h2>
        <div aria-live="polite">
          <CommentList comments={comments} />
        </div>
        <CommentForm id="incident-comment" send={comment} />
      </section>
    </article>
  );
}
