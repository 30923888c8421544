import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../api/types';
import { decidesCab, managesChanges } from '../change/change-access';
import { ChangeStateBadge, ConflictBadge, messageOf, optionalText, RiskBadge, useSubmission } from '../change/change-components';
import { CAB_DECISIONS } from '../change/change-types';
import type { CabAgendaItem, CabMeeting, CabOccurrence, ChangeState, ChangeSummary, ConflictSummary } from '../change/change-types';
import { Alert, SelectField } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';

const HORIZON_DAYS = 28;

/** The CAB: a meeting's occurrences in the next four weeks, each agenda with its changes' risk, state and conflicts, decisions for members and delegates, and flagging for change managers. */
export function CabAgenda() {
  const { t } = useTranslation();
  const { client } = usePortal();
  const [meetings, setMeetings] = useState<readonly CabMeeting[] | undefined>(undefined);
  const [meetingId, setMeetingId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let current = true;
    client.request<{ cabMeetings: readonly CabMeeting[] }>('CabMeetings').then(
      (data) => {
        if (!current) return;
        setMeetings(data.cabMeetings);
        setMeetingId((shown) => shown ?? data.cabMeetings[0]?.id);
      },
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [client]);

  return (
    <section aria-labelledby="cab-title">
      <h1 id="cab-title">{t('change.cab.title')}</h1>
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      {meetings === undefined ? (
        error === undefined && <p>{t('common.loading')}</p>
      ) : meetings.length === 0 || meetingId === undefined ? (
        <p>{t('change.cab.noMeetings')}</p>
      ) : (
        <>
          <SelectField id="cab-meeting" label={t('change.cab.meeting')} className="field inline" value={meetingId} onChange={(event) => setMeetingId(event.target.value)} options={meetings.map((meeting) => ({ value: meeting.id, label: meeting.name }))} />
          <Occurrences meetingId={meetingId} key={meetingId} />
        </>
      )}
    </section>
  );
}

function Occurrences({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { client } = usePortal();
  const [occurrences, setOccurrences] = useState<readonly CabOccurrence[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const load = useCallback(() => {
    const from = new Date();
    const to = new Date(from.getTime() + HORIZON_DAYS * 86_400_000);
    client.request<{ cabOccurrences: readonly CabOccurrence[] }>('CabOccurrences', { meetingId, from: from.toISOString(), to: to.toISOString() }).then(
      (data) => setOccurrences(data.cabOccurrences),
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [client, meetingId]);
  useEffect(load, [load]);
  if (occurrences === undefined) return error === undefined ? <p>{t('common.loading')}</p> : <Alert messages={[t('common.error', { message: error })]} />;
  return (
    <>
      <h2>{t('change.cab.occurrences')}</h2>
      {occurrences.length === 0 ? <p>{t('change.cab.noOccurrences')}</p> : occurrences.map((occurrence) => <Occurrence key={occurrence.start} occurrence={occurrence} onChanged={load} />)}
    </>
  );
}

function Occurrence({ occurrence, onChanged }: { occurrence: CabOccurrence; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { session } = usePortal();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeStyle: 'short' });
  const start = when.format(new Date(occurrence.start));
  const headingId = `occurrence-${occurrence.start.replace(/[^0-9]/g, '')}`;
  const open = occurrence.minutes === null;
  return (
    <section aria-labelledby={headingId} className="card occurrence">
      <h3 id={headingId}>{t('change.cab.occurrence', { name: occurrence.meetingName, start })}</h3>
      {!open && <p>{t('change.cab.minutesPublished')}</p>}
      {occurrence.agenda.length === 0 ? (
        <p>{t('change.cab.emptyAgenda')}</p>
      ) : (
        <ol className="agenda plain">
          {occurrence.agenda.map((item) => (
            <AgendaItem key={item.changeId} occurrence={occurrence} item={item} canDecide={open && decidesCab(session.roles)} onChanged={onChanged} />
          ))}
        </ol>
      )}
      {open && managesChanges(session.roles) && <FlagForCab occurrence={occurrence} onChanged={onChanged} />}
    </section>
  );
}

function AgendaItem({ occurrence, item, canDecide, onChanged }: { occurrence: CabOccurrence; item: CabAgendaItem; canDecide: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { client, navigate } = usePortal();
  const [change, setChange] = useState<{ state: ChangeState; conflicts: readonly ConflictSummary[] } | undefined>(undefined);
  const [loadError, setError] = useState<string | undefined>(undefined);
  const { busy, error: decisionError, submit } = useSubmission();
  const error = decisionError ?? loadError;
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });
  const loadChange = useCallback(
    () =>
      client.request<{ change: { state: ChangeState }; changeConflicts: readonly ConflictSummary[] }>('CabItemChange', { id: item.changeId }).then(
        (data) => setChange({ state: data.change.state, conflicts: data.changeConflicts }),
        (failure: unknown) => setError(messageOf(failure)),
      ),
    [client, item.changeId],
  );
  useEffect(() => void loadChange(), [loadChange]);
  const decide = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit(async () => {
      await client.request('RecordCabDecision', { meetingId: occurrence.meetingId, occurrenceStart: occurrence.start, changeId: item.changeId, decision: form.get('decision'), reason: optionalText(form, 'reason') });
      await loadChange();
      onChanged();
    });
  };
  const id = `${occurrence.start.replace(/[^0-9]/g, '')}-${item.changeId}`;
  return (
    <li className="agenda-item" data-number={item.number} aria-labelledby={`item-${id}`}>
      <h4 id={`item-${id}`}>
        <Link to={ROUTES.change(item.changeId)} navigate={navigate}>
          {item.number}
        </Link>
        : {item.title}
      </h4>
      <dl>
        <dt>{t('change.cab.slot')}</dt>
        <dd>
          {time.format(new Date(item.slotStart))}–{time.format(new Date(item.slotEnd))}
          {!item.withinMeeting && ` (${t('change.cab.pastEnd')})`}
        </dd>
        <dt>{t('change.cab.why')}</dt>
        <dd>{t(`change.cab.whys.${item.why}`)}</dd>
        <dt>{t('change.cab.risk')}</dt>
        <dd>
          <RiskBadge level={item.risk} />
        </dd>
        <dt>{t('change.cab.state')}</dt>
        <dd data-testid="agenda-state" aria-live="polite">
          {change === undefined ? t('common.loading') : <ChangeStateBadge state={change.state} />}
        </dd>
        <dt>{t('change.cab.conflicts')}</dt>
        <dd>{change === undefined ? t('common.loading') : change.conflicts.length === 0 ? t('change.conflict.none') : <ConflictBadge conflicts={change.conflicts} />}</dd>
        <dt>{t('change.cab.decision')}</dt>
        <dd data-testid="agenda-decision">
          {item.decision === null
            ? '–'
            : `${t('change.cab.decided', { decision: t(`change.cab.decisions.${item.decision.decision}`), by: item.decision.onBehalfOf === null ? item.decision.by : `${item.decision.by} (${item.decision.onBehalfOf})` })}${item.decision.reason === null ? '' : `: ${item.decision.reason}`}`}
        </dd>
      </dl>
      <Alert messages={error === undefined ? [] : [error]} />
      {canDecide && item.decision === null && (
        <form onSubmit={decide} className="action decide" aria-label={t('change.cab.decide', { number: item.number })}>
          <SelectField id={`decision-${id}`} name="decision" label={t('change.cab.decision')} options={CAB_DECISIONS.map((decision) => ({ value: decision, label: t(`change.cab.decisions.${decision}`) }))} />
          <div className="field">
            <label htmlFor={`reason-${id}`}>{t('change.cab.reason')}</label>
            <input type="text" id={`reason-${id}`} name="reason" />
          </div>
          <button type="submit" disabled={busy}>
            {t('change.cab.record')}
          </button>
        </form>
      )}
    </li>
  );
}

function FlagForCab({ occurrence, onChanged }: { occurrence: CabOccurrence; onChanged: () => void }) {
  const { t } = useTranslation();
  const { client } = usePortal();
  const [awaiting, setAwaiting] = useState<readonly ChangeSummary[] | undefined>(undefined);
  const [loadError, setError] = useState<string | undefined>(undefined);
  const { busy, error: flagError, submit } = useSubmission();
  const error = flagError ?? loadError;
  useEffect(() => {
    let current = true;
    client.request<{ changes: Connection<ChangeSummary> }>('Changes', { filter: { states: ['authorize'] } }).then(
      (data) => current && setAwaiting(data.changes.edges.map((edge) => edge.node)),
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [client]);
  const candidates = (awaiting ?? []).filter((change) => !occurrence.agenda.some((item) => item.changeId === change.id));
  const flag = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit(async () => {
      await client.request('FlagChangeForCab', { meetingId: occurrence.meetingId, occurrenceStart: occurrence.start, changeId: form.get('changeId'), reason: optionalText(form, 'reason') });
      onChanged();
    });
  };
  const id = occurrence.start.replace(/[^0-9]/g, '');
  return (
    <details className="action">
      <summary>{t('change.cab.flag')}</summary>
      <Alert messages={error === undefined ? [] : [error]} />
      {awaiting !== undefined && candidates.length === 0 ? (
        <p>{t('change.cab.noneAwaiting')}</p>
      ) : (
        <form onSubmit={flag}>
          <SelectField id={`flag-change-${id}`} name="changeId" label={t('change.cab.flagChange')} options={candidates.map((change) => ({ value: change.id, label: `${change.number}: ${change.title}` }))} />
          <div className="field">
            <label htmlFor={`flag-reason-${id}`}>{t('change.cab.flagReason')}</label>
            <input type="text" id={`flag-reason-${id}`} name="reason" />
          </div>
          <button type="submit" disabled={busy || candidates.length === 0}>
            {t('change.cab.flagSubmit')}
          </button>
        </form>
      )}
    </details>
  );
}
