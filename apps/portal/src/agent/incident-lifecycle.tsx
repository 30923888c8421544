import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormErrors } from '../api/graphql-errors';
import type { IncidentRecord } from '../api/types';
import { SelectField } from '../components';
import type { Act } from './act';

const LEVELS = [1, 2, 3] as const;

/** A form with one reason field and a submit button (reopen, cancel). */
function ReasonForm({ id, label, submit, busy, onReason }: { id: string; label: string; submit: string; busy: boolean; onReason: (reason: string) => Promise<FormErrors | undefined> }) {
  const { t } = useTranslation();
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const send = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setReasonError(undefined);
    void onReason(String(new FormData(form).get('reason') ?? '')).then((failure) => {
      if (failure === undefined) form.reset();
      else setReasonError(failure.fields['reason']);
    });
  };
  return (
    <form onSubmit={send} className="action" noValidate aria-label={label}>
      <div className="field">
        <label htmlFor={id}>{t('agent.lifecycle.reasonFor', { action: label })}</label>
        <input type="text" id={id} name="reason" aria-invalid={reasonError !== undefined} aria-describedby={reasonError === undefined ? undefined : `${id}-error`} />
        {reasonError !== undefined && (
          <p id={`${id}-error`} className="field-error">
            {reasonError}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {submit}
      </button>
    </form>
  );
}

/**
 * The lifecycle actions the API offers beyond take/hold/resume/resolve: start work (new, assigned),
 * reopen or close a resolved incident, cancel an open one, change impact and urgency (the priority
 * follows the matrix). Supplier agents get start work only (the API refuses them the rest).
 */
export function IncidentLifecycle({ incident, act, internal, busy }: { incident: IncidentRecord; act: Act; internal: boolean; busy: boolean }) {
  const { t } = useTranslation();
  const open = incident.state === 'new' || incident.state === 'in_progress' || incident.state === 'on_hold';
  const change = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void act('ChangeIncidentImpactUrgency', { input: { id: incident.id, impact: Number(form.get('impact')), urgency: Number(form.get('urgency')) } });
  };
  return (
    <>
      {incident.state === 'new' && (
        <p>
          <button type="button" onClick={() => void act('StartIncidentWork', { id: incident.id })} disabled={busy}>
            {t('agent.lifecycle.start')}
          </button>
        </p>
      )}
      {internal && incident.state === 'resolved' && (
        <>
          <p>
            <button type="button" onClick={() => void act('CloseIncident', { id: incident.id })} disabled={busy}>
              {t('agent.lifecycle.close')}
            </button>
          </p>
          <ReasonForm id="reopen-reason" label={t('agent.lifecycle.reopen')} submit={t('agent.lifecycle.reopen')} busy={busy} onReason={(reason) => act('ReopenIncident', { input: { id: incident.id, reason } }, ['reason'])} />
        </>
      )}
      {internal && open && (
        <>
          <form onSubmit={change} className="action" aria-label={t('agent.lifecycle.priority')}>
            <SelectField id="change-impact" name="impact" label={t('report.impact')} defaultValue={String(incident.impact)} options={LEVELS.map((level) => ({ value: String(level), label: t(`report.levels.${level}`) }))} />
            <SelectField id="change-urgency" name="urgency" label={t('report.urgency')} defaultValue={String(incident.urgency)} options={LEVELS.map((level) => ({ value: String(level), label: t(`report.levels.${level}`) }))} />
            <button type="submit" disabled={busy}>
              {t('agent.lifecycle.changePriority')}
            </button>
          </form>
          <ReasonForm id="cancel-reason" label={t('agent.lifecycle.cancel')} submit={t('agent.lifecycle.cancel')} busy={busy} onReason={(reason) => act('CancelIncident', { input: { id: incident.id, reason } }, ['reason'])} />
        </>
      )}
    </>
  );
}
