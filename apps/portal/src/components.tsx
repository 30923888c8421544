import { Component } from 'react';
import type { ErrorInfo, ReactNode, SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentState, IncidentSummary, SlaClock } from './api/types';
import { Link, usePortal } from './portal-context';
import { ROUTES } from './routes';
import { formatRemaining, headlineClock, slaTone } from './sla/sla-status';

export function StateBadge({ state }: { state: IncidentState }) {
  const { t } = useTranslation();
  return <span className={`badge state-${state}`}>{t(`state.${state}`)}</span>;
}

export function SlaBadge({ clock }: { clock: SlaClock | undefined }) {
  const { t } = useTranslation();
  if (clock === undefined) return <span className="badge sla-none">{t('sla.none')}</span>;
  const tone = slaTone(clock);
  const live = tone === 'ok' || tone === 'warning' || tone === 'critical';
  return (
    <span className={`badge sla-${tone}`} title={clock.definitionName}>
      {t(`sla.${tone}`)}
      {live ? ` · ${t('sla.remaining', { time: formatRemaining(clock.remainingSeconds) })}` : ''}
    </span>
  );
}

/** Every SLA clock of a ticket, named, each with its badge ("No SLA" when it has none). */
export function SlaList({ slas }: { slas: readonly SlaClock[] }) {
  if (slas.length === 0) return <SlaBadge clock={undefined} />;
  return (
    <ul className="plain">
      {slas.map((clock) => (
        <li key={clock.clockId}>
          {clock.definitionName}: <SlaBadge clock={clock} />
        </li>
      ))}
    </ul>
  );
}

/** A table of incidents; numbers link to the record when `linked`. */
export function IncidentTable({ caption, incidents, linked }: { caption: string; incidents: readonly IncidentSummary[]; linked: boolean }) {
  const { t, i18n } = useTranslation();
  const { navigate } = usePortal();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('columns.number')}</th>
          <th scope="col">{t('columns.title')}</th>
          <th scope="col">{t('columns.state')}</th>
          <th scope="col">{t('columns.priority')}</th>
          <th scope="col">{t('columns.sla')}</th>
          <th scope="col">{t('columns.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => (
          <tr key={incident.id} data-number={incident.number}>
            <td>{linked ? <Link to={ROUTES.incident(incident.id)} navigate={navigate}>{incident.number}</Link> : incident.number}</td>
            <td>{incident.title}</td>
            <td data-column="state">
              <StateBadge state={incident.state} />
            </td>
            <td>P{incident.priority}</td>
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

export function Alert({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div role="alert" className="alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

/** A labelled select (`className` styles its wrapper). */
export function SelectField({ id, label, options, className = 'field', ...select }: { id: string; label: string; options: readonly { value: string; label: string }[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Around lazily loaded pages (a Suspense): a page that fails to load or render (a chunk gone after a
 * deployment, a network failure) shows `message` in plain words and a reload button instead of blanking
 * the portal. Give it a `key` per page so moving to another page tries again.
 */
export class PageErrorBoundary extends Component<{ message: string; reload: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept for whoever looks at the browser's console; the page shows the plain words.
    console.warn('A page failed to load', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" className="alert">
        <p>{this.props.message}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {this.props.reload}
        </button>
      </div>
    );
  }
}
