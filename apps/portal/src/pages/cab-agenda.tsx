import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { occurrenceRange, openOccurrences } from '../change/cab-occurrences';
import { managesChanges, sitsOnBoard } from '../change/change-access';
import { ChangeStateBadge, ConflictBadge, messageOf, optionalText, RiskBadge, useFormErrors, useSubmission } from '../change/change-components';
import { allPages } from '../api/paging';
import type { Page } from '../api/paging';
import { CAB_DECISIONS } from '../change/change-types';
import type { CabAgendaItem, CabItemDecision, CabMeeting, CabOccurrence, ChangeState, ChangeSummary, ConflictSummary } from '../change/change-types';
import { Alert, SelectField } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';

/** The CAB: a meeting's occurrences in the next four weeks (and those in progress or awaiting their minutes), each agenda with its changes' risk, state and conflicts, decisions for members and delegates, and flagging for change managers. */
export function CabAgenda() {
  const { t } = useTranslation();
  const { client } = usePortal();
  const [meetings, setMeetings] = useState<readonly CabMeeting[] | undefined>(undefined);
  const [meetingId, setMeetingId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [groupIds, setGroupIds] = useState<readonly string[]>([]);

  useEffect(() => {
    let current = true;
    // My directory groups: a meeting's CAB groups make their members members of the board.
    client.request<{ me: { groups: readonly { id: string }[] } | null }>('CabMyGroups').then(
      (data) => current && setGroupIds((data.me?.groups ?? []).map((group) => group.id)),
      () => current && setGroupIds([]),
    );
    return () => {
      current = false;
    };
  }, [client]);

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

  const meeting = meetings?.find((option) => option.id === meetingId);
  return (
    <section aria-labelledby="cab-title">
      <h1 id="cab-title">{t('change.cab.title')}</h1>
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      {meetings === undefined ? (
        error === undefined && <p>{t('common.loading')}</p>
      ) : meeting === undefined ? (
        <p>{t('change.cab.noMeetings')}</p>
      ) : (
        <>
          <SelectField id="cab-meeting" label={t('change.cab.meeting')} className="field inline" value={meeting.id} onChange={(event) => setMeetingId(event.target.value)} options={meetings.map((option) => ({ value: option.id, label: option.name }))} />
          <Occurrences meeting={meeting} groupIds={groupIds} key={meeting.id} />
        </>
      )}
    </section>
  );
}

function Occurrences({ meeting, groupIds }: { meeting: CabMeeting; groupIds: readonly string[] }) {
  const { t } = useTranslation();
  const { client, session } = usePortal();
  const [occurrences, setOccurrences] = useState<readonly CabOccurrence[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const meetingId = meeting.id;
  const load = useCallback(() => {
    const now = new Date();
    const { from, to } = occurrenceRange(now);
    setError(undefined);
    client.request<{ cabOccurrences: readonly CabOccurrence[] }>('CabOccurrences', { meetingId, from: from.toISOString(), to: to.toISOString() }).then(
      (data) => setOccurrences(openOccurrences(data.cabOccurrences, now)),
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [client, meetingId]);
  useEffect(load, [load]);
  const onBoard = sitsOnBoard(meeting, session, groupIds);
  return (
    <>
      {/* A failed refresh is shown above what was loaded before. */}
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      {occurrences === undefined ? (
        error === undefined && <p>{t('common.loading')}</p>
      ) : (
        <>
          <h2>{t('change.cab.occurrences')}</h2>
          {occurrences.length === 0 ? <p>{t('change.cab.noOccurrences')}</p> : occurrences.map((occurrence) => <Occurrence key={occurrence.start} occurrence={occurrence} onBoard={onBoard} onChanged={load} />)}
        </>
      )}
    </>
  );
}

function Occurrence({ occurrence, onBoard, onChanged }: { occurrence: CabOccurrence; onBoard: boolean; onChanged: () => void }) {
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
            <AgendaItem key={item.changeId} occurrence={occurrence} item={item} canDecide={open && onBoard} onChanged={onChanged} />
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
  const [busy, setBusy] = useState(false);
  const [decision, setDecision] = useState('');
  // The decision just recorded: shown (and no form offered again) even when the agenda's refresh fails.
  const [recorded, setRecorded] = useState<CabItemDecision | null>(null);
  const shown = item.decision ?? recorded;
  const prefix = `${occurrence.start.replace(/[^0-9]/g, '')}-${item.changeId}`;
  const { errors, capture, field, fieldError } = useFormErrors(`cab-${prefix}`, ['decision', 'reason']);
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
  const decide = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const data = await client.request<{ recordCabDecision: { decision: CabItemDecision | null } }>('RecordCabDecision', { meetingId: occurrence.meetingId, occurrenceStart: occurrence.start, changeId: item.changeId, decision: form.get('decision'), reason: optionalText(form, 'reason') });
      capture(undefined);
      setRecorded(data.recordCabDecision.decision);
      await loadChange();
      onChanged();
    } catch (failure: unknown) {
      capture(failure);
    } finally {
      setBusy(false);
    }
  };
  const id = prefix;
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
          {shown === null
            ? '–'
            : `${t('change.cab.decided', { decision: t(`change.cab.recorded.${shown.decision}`), by: shown.onBehalfOf === null ? shown.by : `${shown.by} (${shown.onBehalfOf})` })}${shown.reason === null ? '' : `: ${shown.reason}`}`}
        </dd>
      </dl>
      <Alert messages={loadError === undefined ? [] : [loadError]} />
      {canDecide && shown === null && (
        <form onSubmit={(event) => void decide(event)} className="action decide" aria-label={t('change.cab.decide', { number: item.number })} noValidate>
          <Alert messages={errors.form} />
          <SelectField
            label={t('change.cab.decision')}
            required
            value={decision}
            onChange={(event) => setDecision(event.target.value)}
            options={[{ value: '', label: t('change.cab.choose') }, ...CAB_DECISIONS.map((option) => ({ value: option, label: t(`change.cab.decisions.${option}`) }))]}
            {...field('decision')}
          />
          {fieldError('decision')}
          <div className="field">
            <label htmlFor={`cab-${prefix}-reason`}>{t(decision === '' || decision === 'authorise' ? 'change.cab.reason' : 'change.cab.reasonRequired')}</label>
            <input type="text" required={decision !== '' && decision !== 'authorise'} {...field('reason')} />
            {fieldError('reason')}
          </div>
          <button type="submit" disabled={busy || decision === ''}>
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
    allPages((after) => client.request<{ changes: Page<ChangeSummary> }>('Changes', { filter: { states: ['authorize'] }, after }).then((data) => data.changes)).then(
      (data) => current && setAwaiting(data.nodes),
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
