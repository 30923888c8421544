import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Act } from './act';

const KINDS = ['work_note', 'comment'] as const;

/** Adds a work note (internal staff only: the API lists them to staff only) or a comment (everyone who sees the incident). */
export function IncidentNoteForm({ incidentId, act, internal, busy }: { incidentId: string; act: Act; internal: boolean; busy: boolean }) {
  const { t } = useTranslation();
  const kinds = internal ? KINDS : (['comment'] as const);
  const [bodyError, setBodyError] = useState<string | undefined>(undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBodyError(undefined);
    void act('AddIncidentNote', { input: { id: incidentId, kind: data.get('kind') ?? 'comment', body: String(data.get('body') ?? '') } }, ['body']).then((failure) => {
      if (failure === undefined) form.reset();
      else setBodyError(failure.fields['body']);
    });
  };
  return (
    <form onSubmit={submit} className="action" noValidate aria-labelledby="note-title">
      <h3 id="note-title">{t('agent.notes.add')}</h3>
      <fieldset className="inline-choices">
        <legend>{t('agent.notes.kind')}</legend>
        {kinds.map((kind, index) => (
          <label key={kind} className="choice">
            <input type="radio" name="kind" value={kind} defaultChecked={index === 0} /> {t(`agent.notes.kinds.${kind}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="note-body">{t('agent.notes.body')}</label>
        <textarea id="note-body" name="body" rows={3} aria-invalid={bodyError !== undefined} aria-describedby={bodyError === undefined ? undefined : 'note-body-error'} />
        {bodyError !== undefined && (
          <p id="note-body-error" className="field-error">
            {bodyError}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {t('agent.notes.submit')}
      </button>
    </form>
  );
}
