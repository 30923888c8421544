import { useTranslation } from 'react-i18next';
import type { IncidentSummary } from '../api/types';
import { SlaBadge, StateBadge } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import { headlineClock } from '../sla/sla-status';
import type { RequestState, RequestSummary } from './types';

export function RequestStateBadge({ state }: { state: RequestState }) {
  const { t } = useTranslation();
  return <span className={`badge request-${state}`}>{t(`selfService.requestState.${state}`)}</span>;
}

/** My tickets: incidents and requests in one table each, numbers linking to the requester's pages. */
export function MyIncidentsTable({ incidents }: { incidents: readonly IncidentSummary[] }) {
  const { t, i18n } = useTranslation();
  const { navigate } = usePortal();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <table>
      <caption>{t('selfService.tickets.incidents')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('columns.number')}</th>
          <th scope="col">{t('columns.title')}</th>
          <th scope="col">{t('columns.state')}</th>
          <th scope="col">{t('columns.sla')}</th>
          <th scope="col">{t('columns.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => (
          <tr key={incident.id} data-number={incident.number}>
            <td>
              <Link to={ROUTES.myIncident(incident.id)} navigate={navigate}>
                {incident.number}
              </Link>
            </td>
            <td>{incident.title}</td>
            <td data-column="state">
              <StateBadge state={incident.state} />
            </td>
            <td>
              <SlaBadge clock={headlineClock(incident.slas)} />
            </td>
            <td>{when.format(new Date(incident.updatedAt))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MyRequestsTable({ requests }: { requests: readonly RequestSummary[] }) {
  const { t, i18n } = useTranslation();
  const { navigate } = usePortal();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <table>
      <caption>{t('selfService.tickets.requests')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('columns.number')}</th>
          <th scope="col">{t('selfService.tickets.items')}</th>
          <th scope="col">{t('columns.state')}</th>
          <th scope="col">{t('columns.sla')}</th>
          <th scope="col">{t('columns.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((request) => (
          <tr key={request.id} data-number={request.number}>
            <td>
              <Link to={ROUTES.request(request.id)} navigate={navigate}>
                {request.number}
              </Link>
            </td>
            <td>
              <ul className="plain">
                {request.items.map((item) => (
                  <li key={item.id}>
                    {item.name} ({t(`selfService.itemState.${item.state}`)})
                  </li>
                ))}
              </ul>
            </td>
            <td data-column="state">
              <RequestStateBadge state={request.state} />
            </td>
            <td>
              <SlaBadge clock={headlineClock(request.slas)} />
            </td>
            <td>{when.format(new Date(request.updatedAt))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
