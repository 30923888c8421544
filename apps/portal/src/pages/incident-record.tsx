import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorsOf } from '../api/graphql-errors';
import type { OperationName } from '../api/operations';
import { HOLD_REASONS } from '../api/types';
import type { IncidentRecord as IncidentData } from '../api/types';
import type { Act } from '../agent/act';
import { AffectedServices } from '../agent/affected-services';
import { IncidentLifecycle } from '../agent/incident-lifecycle';
import { IncidentNoteForm } from '../agent/incident-notes';
import { isInternal } from '../agent/roles';
import { Alert, SelectField, SlaList, StateBadge } from '../components';
import { useLiveIncident } from '../live-incidents';
import { useMyGroups } from '../my-groups';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';

const RESOLUTION_CODES = ['fixed', 'workaround', 'user-guidance', 'hardware'] as const;
const ACTIVE = ['new', 'in_progress', 'on_hold'];

/** Agent workspace: one incident, live, with its SLA clocks, timeline and lifecycle actions (take, hold, resume, resolve). */
export function IncidentRecord({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { client, session, navigate } = usePortal();
  const groups = useMyGroups();
  const { incident, error: loadError, keep } = useLiveIncident(id);
  const [actionErrors, setErrors] = useState<readonly string[]>([]);
  const errors = loadError === undefined ? actionErrors : [loadError, ...actionErrors];
  const [busy, setBusy] = useState(false);

  const [notesError, setNotesError] = useState<string | undefined>(undefined);

  const act: Act = (operation: OperationName, variables: Readonly<Record<string, unknown>>, fields: readonly string[] = []) => {
    setBusy(true);
    setErrors([]);
    return client
      .request<Readonly<Record<string, IncidentData>>>(operation, variables)
      .then((data) => {
        const changed = Object.values(data)[0];
        // A subscription's change may have arrived first: keep the newer version.
        if (changed !== undefined) keep(changed);
        return undefined;
      })
      .catch((failure: unknown) => {
        const placed = formErrorsOf(failure, fields);
        setErrors(placed.form);
        return placed;
      })
      .finally(() => setBusy(false));
  };

  if (incident === undefined) {
    return errors.length > 0 ? <Alert messages={errors} /> : <p>{t('common.loading')}</p>;
  }
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const active = ACTIVE.includes(incident.state);
  const group = groups?.find((candidate) => candidate.id === incident.assignmentGroupId) ?? groups?.[0];
  const internal = isInternal(session);
  const take = () => group && void act('AssignIncident', { input: { id: incident.id, groupId: group.id, assigneeId: session.sub } });
  const hold = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void act('HoldIncident', { input: { id: incident.id, reason: new FormData(event.currentTarget).get('reason') } });
  };
  const resolve = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setNotesError(undefined);
    void act('ResolveIncident', { input: { id: incident.id, code: form.get('code'), notes: form.get('notes') } }, ['resolutionNotes']).then((failure) => setNotesError(failure?.fields['resolutionNotes']));
  };
  const timeline = [
    { key: 'opened', at: incident.openedAt, text: `${t('state.new')}: ${incident.title}` },
    ...incident.notes.map((note) => ({ key: note.id, at: note.at, text: `${note.authorId} (${t(`agent.notes.kinds.${note.kind}`)}): ${note.body}`, kind: note.kind })),
    ...(incident.resolution ? [{ key: 'resolution', at: incident.resolution.at, text: `${t('record.resolution')} (${incident.resolution.code}): ${incident.resolution.notes}` }] : []),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <article aria-labelledby="record-title">
      <p>
        <Link to={ROUTES.queue} navigate={navigate}>
          {t('record.back')}
        </Link>
      </p>
      <h1 id="record-title">
        {t('record.title', { number: incident.number })}: {incident.title}
      </h1>
      <p>
        <span data-testid="record-state">
          <StateBadge state={incident.state} />
        </span>{' '}
        {incident.holdReason !== null && <span>{t(`record.holdReasons.${incident.holdReason}`)}</span>}
      </p>
      <div className="columns">
        <section aria-labelledby="details-title" className="card">
          <h2 id="details-title">{t('record.details')}</h2>
          <dl>
            <dt>{t('record.priority')}</dt>
            <dd>P{incident.priority}</dd>
            <dt>{t('record.caller')}</dt>
            <dd>{incident.callerId}</dd>
            <dt>{t('record.group')}</dt>
            <dd>{incident.assignmentGroupId ?? t('record.unassigned')}</dd>
            <dt>{t('record.assignee')}</dt>
            <dd>{incident.assigneeId ?? t('record.unassigned')}</dd>
            <dt>{t('columns.sla')}</dt>
            <dd>
              <SlaList slas={incident.slas} />
            </dd>
          </dl>
          <p className="description">{incident.description}</p>
        </section>
        <section aria-labelledby="actions-title" className="card">
          <h2 id="actions-title">{t('record.actions')}</h2>
          <Alert messages={errors} />
          {(incident.state === 'closed' || incident.state === 'canceled') && <p>{t(`agent.lifecycle.final.${incident.state}`)}</p>}
          <IncidentLifecycle incident={incident} act={act} internal={internal} busy={busy} />
          {active && (
            <>
            {incident.assigneeId !== session.sub && (
              <p>
                {groups !== undefined && groups.length === 0 ? (
                  t('record.noGroup')
                ) : (
                  <button type="button" onClick={take} disabled={busy || group === undefined}>
                    {t('record.take')}
                  </button>
                )}
              </p>
            )}
            {incident.state === 'on_hold' ? (
              <p>
                <button type="button" onClick={() => void act('ResumeIncident', { id: incident.id })} disabled={busy}>
                  {t('record.resume')}
                </button>
              </p>
            ) : (
              <form onSubmit={hold} className="action">
                <SelectField id="hold-reason" label={t('record.holdReason')} name="reason" defaultValue="awaiting_caller" options={HOLD_REASONS.map((reason) => ({ value: reason, label: t(`record.holdReasons.${reason}`) }))} />
                <button type="submit" disabled={busy}>
                  {t('record.hold')}
                </button>
              </form>
            )}
            <form onSubmit={resolve} className="action">
              <SelectField id="resolution-code" label={t('record.resolutionCode')} name="code" defaultValue="fixed" options={RESOLUTION_CODES.map((code) => ({ value: code, label: t(`record.codes.${code}`) }))} />
              <div className="field">
                <label htmlFor="resolution-notes">{t('record.resolutionNotes')}</label>
                <textarea id="resolution-notes" name="notes" rows={3} aria-invalid={notesError !== undefined} aria-describedby={notesError === undefined ? undefined : 'resolution-notes-error'} />
                {notesError !== undefined && (
                  <p id="resolution-notes-error" className="field-error">
                    {notesError}
                  </p>
                )}
              </div>
              <button type="submit" disabled={busy}>
                {t('record.resolve')}
              </button>
            </form>
            </>
          )}
          {incident.state !== 'closed' && incident.state !== 'canceled' && <IncidentNoteForm incidentId={incident.id} act={act} internal={internal} busy={busy} />}
        </section>
      </div>
      <AffectedServices incidentId={incident.id} version={incident.version} />
      <section aria-labelledby="timeline-title" className="card">
        <h2 id="timeline-title">{t('record.timeline')}</h2>
        <ol className="timeline">
          {timeline.map((entry) => (
            <li key={entry.key} className={'kind' in entry ? `note-${entry.kind}` : undefined}>
              <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time> {entry.text}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
