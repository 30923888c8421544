import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorsOf } from '../api/graphql-errors';
import type { FormErrors } from '../api/graphql-errors';
import { Alert } from '../components';
import { usePortal } from '../portal-context';

const FIELDS = ['title', 'description', 'impact', 'urgency'] as const;
const LEVELS = [1, 2, 3] as const;
const NO_ERRORS: FormErrors = { fields: {}, form: [] };

/** Self-service: report an incident. The server validates; its messages show next to their fields. */
export function ReportIncident({ onReported }: { onReported: (number: string) => void }) {
  const { t } = useTranslation();
  const { client } = usePortal();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { title: String(form.get('title') ?? ''), description: String(form.get('description') ?? ''), impact: Number(form.get('impact')), urgency: Number(form.get('urgency')) };
    setBusy(true);
    client
      .request<{ openIncident: { number: string } }>('OpenIncident', { input })
      .then(({ openIncident }) => onReported(openIncident.number))
      .catch((failure: unknown) => setErrors(formErrorsOf(failure, FIELDS)))
      .finally(() => setBusy(false));
  };
  const field = (name: (typeof FIELDS)[number]) => {
    const message = errors.fields[name];
    return { id: `report-${name}`, name, 'aria-invalid': message !== undefined, 'aria-describedby': message === undefined ? undefined : `report-${name}-error` };
  };
  const fieldError = (name: (typeof FIELDS)[number]) =>
    errors.fields[name] === undefined ? null : (
      <p id={`report-${name}-error`} className="field-error">
        {errors.fields[name]}
      </p>
    );
  return (
    <section aria-labelledby="report-heading" className="card">
      <h1 id="report-heading">{t('report.title')}</h1>
      <form onSubmit={submit} noValidate>
        <Alert messages={errors.form} />
        <div className="field">
          <label htmlFor="report-title">{t('report.summary')}</label>
          <input type="text" {...field('title')} />
          {fieldError('title')}
        </div>
        <div className="field">
          <label htmlFor="report-description">{t('report.description')}</label>
          <textarea rows={5} {...field('description')} />
          {fieldError('description')}
        </div>
        {(['impact', 'urgency'] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`report-${name}`}>{t(`report.${name}`)}</label>
            <select defaultValue="3" {...field(name)}>
              {LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(`report.levels.${level}`)}
                </option>
              ))}
            </select>
            {fieldError(name)}
          </div>
        ))}
        <button type="submit" disabled={busy}>
          {busy ? t('report.submitting') : t('report.submit')}
        </button>
      </form>
    </section>
  );
}
