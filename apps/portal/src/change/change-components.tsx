import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorsOf } from '../api/graphql-errors';
import type { FormErrors } from '../api/graphql-errors';
import type { ConflictSummary, RiskLevel, ChangeState, Window } from './change-types';

/** The plain words of a failure (the gateway's messages, or a transport error). */
export const messageOf = (failure: unknown): string => (failure instanceof Error ? failure.message : String(failure));

/** A form field's text, null when left empty (the API's optional reasons and comments). */
export function optionalText(form: FormData, name: string): string | null {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? null : value;
}

/** One request at a time from a form: busy while it runs, its failure in plain words. */
export function useSubmission(): { busy: boolean; error: string | undefined; submit: (work: () => Promise<unknown>) => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    work()
      .catch((failure: unknown) => setError(messageOf(failure)))
      .finally(() => setBusy(false));
  };
  return { busy, error, submit };
}

const NO_ERRORS: FormErrors = { fields: {}, form: [] };

/**
 * A form's server errors placed like report-incident.tsx: a field's next to it (the input's `name` is the
 * field the server names, `aliases` maps server names onto inputs), the rest above the form.
 */
export function useFormErrors(prefix: string, fields: readonly string[], aliases: Readonly<Record<string, string>> = {}) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const capture = (failure: unknown) => {
    if (failure === undefined) return setErrors(NO_ERRORS);
    const found = formErrorsOf(failure, [...fields, ...Object.keys(aliases)]);
    const placed: Record<string, string> = {};
    for (const [field, message] of Object.entries(found.fields)) placed[aliases[field] ?? field] ??= message;
    setErrors({ fields: placed, form: found.form });
  };
  const errorId = (name: string) => `${prefix}-${name}-error`;
  const field = (name: string) => {
    const message = errors.fields[name];
    return { id: `${prefix}-${name}`, name, 'aria-invalid': message !== undefined, 'aria-describedby': message === undefined ? undefined : errorId(name) };
  };
  const fieldError = (name: string) =>
    errors.fields[name] === undefined ? null : (
      <p id={errorId(name)} className="field-error">
        {errors.fields[name]}
      </p>
    );
  return { errors, capture, field, fieldError };
}

export function ChangeStateBadge({ state }: { state: ChangeState }) {
  const { t } = useTranslation();
  return <span className={`badge change-state-${state}`}>{t(`change.states.${state}`)}</span>;
}

export function RiskBadge({ level }: { level: RiskLevel | null | undefined }) {
  const { t } = useTranslation();
  return <span className={`badge risk-${level ?? 'none'}`}>{t(`change.risks.${level ?? 'none'}`)}</span>;
}

/** A visible "Conflict" mark whose accessible text names every conflict the API reports. */
export function ConflictBadge({ conflicts }: { conflicts: readonly ConflictSummary[] }) {
  const { t } = useTranslation();
  if (conflicts.length === 0) return null;
  const reasons = conflicts.map((conflict) => `${t(`change.conflict.kinds.${conflict.kind}`)}: ${conflict.reason}`).join('; ');
  return (
    <span className="badge conflict" title={reasons} data-testid="conflict">
      <span aria-hidden="true">⚠ </span>
      {t('change.conflict.badge')}
      <span className="visually-hidden"> ({reasons})</span>
    </span>
  );
}

export function WindowText({ window }: { window: Window | null }) {
  const { t, i18n } = useTranslation();
  if (window === null) return <>{t('change.record.notPlanned')}</>;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <>
      <time dateTime={window.start}>{when.format(new Date(window.start))}</time> – <time dateTime={window.end}>{when.format(new Date(window.end))}</time>
    </>
  );
}
