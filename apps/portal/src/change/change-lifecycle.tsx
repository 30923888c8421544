import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationName } from '../api/operations';
import { Alert, SelectField } from '../components';
import { messageOf, optionalText, useFormErrors } from './change-components';
import type { LifecycleAction } from './change-access';
import { CLOSE_CODES } from './change-types';

/** Runs a step; resolves to its failure (undefined once done). */
export type Act = (operation: OperationName, variables: Readonly<Record<string, unknown>>) => Promise<unknown>;

const OPERATION: Record<LifecycleAction, OperationName> = {
  submitForAssessment: 'SubmitForAssessment',
  requestAuthorisation: 'RequestAuthorisation',
  startImplementation: 'StartImplementation',
  completeImplementation: 'CompleteImplementation',
  closeChange: 'CloseChange',
  revertChangeToNew: 'RevertChangeToNew',
  cancelChange: 'CancelChange',
};
const SIMPLE: readonly LifecycleAction[] = ['submitForAssessment', 'requestAuthorisation', 'startImplementation', 'completeImplementation'];

/** The lifecycle steps offered (change-access.ts): plain ones as buttons, revert and cancel each in its own form with a reason, close with a code. */
export function ChangeLifecycle({ id, actions, busy, onAct }: { id: string; actions: readonly LifecycleAction[]; busy: boolean; onAct: Act }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | undefined>(undefined);
  if (actions.length === 0) return null;
  const simple = async (action: LifecycleAction) => {
    const failure = await onAct(OPERATION[action], { id });
    setError(failure === undefined ? undefined : messageOf(failure));
  };
  return (
    <section aria-labelledby="lifecycle-title" className="card">
      <h2 id="lifecycle-title">{t('change.record.actions')}</h2>
      <Alert messages={error === undefined ? [] : [error]} />
      <div className="buttons">
        {actions
          .filter((action) => SIMPLE.includes(action))
          .map((action) => (
            <button key={action} type="button" disabled={busy} onClick={() => void simple(action)}>
              {t(`change.record.do.${action}`)}
            </button>
          ))}
      </div>
      {actions.includes('closeChange') && <CloseForm id={id} busy={busy} onAct={onAct} />}
      {actions.includes('revertChangeToNew') && <ReasonForm id={id} action="revertChangeToNew" required={false} busy={busy} onAct={onAct} />}
      {actions.includes('cancelChange') && <ReasonForm id={id} action="cancelChange" required busy={busy} onAct={onAct} />}
    </section>
  );
}

function CloseForm({ id, busy, onAct }: { id: string; busy: boolean; onAct: Act }) {
  const { t } = useTranslation();
  // The server reports the notes as `closeNotes` (libs/change close()).
  const { errors, capture, field, fieldError } = useFormErrors('close', ['closeCode', 'notes'], { closeNotes: 'notes' });
  const close = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    capture(await onAct('CloseChange', { input: { id, closeCode: form.get('closeCode'), notes: optionalText(form, 'notes') } }));
  };
  return (
    <form onSubmit={(event) => void close(event)} className="action" noValidate aria-label={t('change.record.do.closeChange')}>
      <Alert messages={errors.form} />
      <SelectField label={t('change.record.closeCode')} options={CLOSE_CODES.map((code) => ({ value: code, label: t(`change.record.codes.${code}`) }))} {...field('closeCode')} />
      {fieldError('closeCode')}
      <div className="field">
        <label htmlFor="close-notes">{t('change.record.closeNotes')}</label>
        <textarea rows={2} {...field('notes')} />
        {fieldError('notes')}
      </div>
      <button type="submit" disabled={busy}>
        {t('change.record.do.closeChange')}
      </button>
    </form>
  );
}

function ReasonForm({ id, action, required, busy, onAct }: { id: string; action: 'revertChangeToNew' | 'cancelChange'; required: boolean; busy: boolean; onAct: Act }) {
  const { t } = useTranslation();
  const { errors, capture, field, fieldError } = useFormErrors(action, ['reason']);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    capture(await onAct(OPERATION[action], { input: { id, reason: optionalText(new FormData(event.currentTarget), 'reason') } }));
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="action" noValidate aria-label={t(`change.record.do.${action}`)}>
      <Alert messages={errors.form} />
      <div className="field">
        <label htmlFor={`${action}-reason`}>{t(required ? 'change.record.reasonRequired' : 'change.record.reason')}</label>
        <input type="text" required={required} {...field('reason')} />
        {fieldError('reason')}
      </div>
      <button type="submit" className="danger" disabled={busy}>
        {t(`change.record.do.${action}`)}
      </button>
    </form>
  );
}
