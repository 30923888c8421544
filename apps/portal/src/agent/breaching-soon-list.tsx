import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import { formatRemaining } from '../sla/sla-status';
import { breachingIncidents, breachTone } from './breaching-soon';
import type { BreachingIncident, SlaStatusAnswer } from './breaching-soon';

/** The server's limit (slaStatus: 1 to 500 clocks). */
const CLOCK_LIMIT = 500;
/** Clocks move without events: the view asks again this often (and on Refresh). */
const REFRESH_MS = 30_000;

/**
 * "Breaching soon": the incidents whose SLA clock the server (reporting's slaStatus) counts as
 * breached or at risk, most urgent first, one row per incident, asked again every 30 seconds.
 */
export function BreachingSoonList({ caption }: { caption: string }) {
  const { t } = useTranslation();
  const { client } = usePortal();
  const [status, setStatus] = useState<SlaStatusAnswer | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    const ask = () =>
      client.request<{ slaStatus: SlaStatusAnswer }>('BreachingSoon', {}).then(
        (data) => {
          if (!current) return;
          setStatus(data.slaStatus);
          setError(undefined);
        },
        (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
      );
    void ask();
    const timer = window.setInterval(() => void ask(), REFRESH_MS);
    return () => {
      current = false;
      window.clearInterval(timer);
    };
  }, [client]);
  const shown = useMemo(() => (status === undefined ? undefined : breachingIncidents(status)), [status]);
  return (
    <>
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      {shown?.truncated === true && <p className="hint">{t('agent.queue.truncatedClocks', { limit: CLOCK_LIMIT })}</p>}
      <div aria-live="polite" className="visually-hidden">
        {shown === undefined ? '' : t('agent.queue.count', { count: shown.incidents.length })}
      </div>
      {shown === undefined ? (
        error === undefined && <p>{t('common.loading')}</p>
      ) : shown.incidents.length === 0 ? (
        <p>{t('agent.queue.noneBreaching')}</p>
      ) : (
        <table className="breaching-soon">
          <caption>
            {caption} ({shown.incidents.length})
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('columns.number')}</th>
              <th scope="col">{t('columns.sla')}</th>
              <th scope="col">{t('agent.queue.standing')}</th>
              <th scope="col">{t('agent.queue.timeToBreach')}</th>
              <th scope="col">{t('agent.queue.due')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.incidents.map((incident) => (
              <BreachingRow key={incident.ticketId} incident={incident} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function BreachingRow({ incident }: { incident: BreachingIncident }) {
  const { t, i18n } = useTranslation();
  const { navigate } = usePortal();
  const { clock } = incident;
  const tone = breachTone(clock);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const left = clock.timeToBreachMs === null ? t('agent.queue.paused') : clock.timeToBreachMs < 0 ? t('agent.queue.overdue', { time: formatRemaining(-clock.timeToBreachMs / 1000) }) : t('sla.remaining', { time: formatRemaining(clock.timeToBreachMs / 1000) });
  return (
    <tr data-number={incident.ticketNumber}>
      <td>
        <Link to={ROUTES.incident(incident.ticketId)} navigate={navigate}>
          {incident.ticketNumber}
        </Link>
      </td>
      <td>
        {clock.definitionName} ({t(`agent.queue.targets.${clock.target}`)}) {incident.otherClocks > 0 && t('agent.queue.moreClocks', { count: incident.otherClocks })}
      </td>
      <td data-column="sla">
        <span className={`badge sla-${tone === 'paused' ? 'warning' : tone}`}>{tone === 'paused' ? t('agent.queue.pausedAtRisk') : t(`sla.${tone}`)}</span>
      </td>
      <td>{left}</td>
      <td>{clock.timeToBreachMs === null ? '–' : <time dateTime={clock.dueAt}>{when.format(new Date(clock.dueAt))}</time>}</td>
    </tr>
  );
}
