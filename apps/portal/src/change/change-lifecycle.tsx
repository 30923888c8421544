import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationName } from '../api/operations';
import { SelectField } from '../components';
import { optionalText } from './change-components';
import type { LifecycleAction } from './change-access';
import { CLOSE_CODES } from './change-types';

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
const WITH_REASON: readonly LifecycleAction[] = ['revertChangeToNew', 'cancelChange'];

/** The lifecycle steps offered (change-access.ts): plain ones as buttons, revert and cancel with a reason, close with a code. */
export function ChangeLifecycle({ id, actions, busy, onAct }: { id: string; actions: readonly LifecycleAction[]; busy: boolean; onAct: (operation: OperationName, variables: Readonly<Record<string, unknown>>) => void }) {
  const { t } = useTranslation();
  if (actions.length === 0) return null;
  const withReason = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const action = (submitter?.value ?? 'cancelChange') as LifecycleAction;
    onAct(OPERATION[action], { input: { id, reason: optionalText(new FormData(event.currentTarget), 'reason') } });
  };
  const close = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onAct('CloseChange', { input: { id, closeCode: form.get('closeCode'), notes: optionalText(form, 'notes') } });
  };
  const reasoned = actions.filter((action) => WITH_REASON.includes(action));
  return (
    <section aria-labelledby="lifecycle-title" className="card">
      <h2 id="lifecycle-title">{t('change.record.actions')}</h2>
      <div className="buttons">
        {actions
          .filter((action) => SIMPLE.includes(action))
          .map((action) => (
            <button key={action} type="button" disabled={busy} onClick={() => onAct(OPERATION[action], { id })}>
              {t(`change.record.do.${action}`)}
            </button>
          ))}
      </div>
      {actions.includes('closeChange') && (
        <form onSubmit={close} className="action">
          <SelectField id="close-code" name="closeCode" label={t('change.record.closeCode')} options={CLOSE_CODES.map((code) => ({ value: code, label: t(`change.record.codes.${code}`) }))} />
          <div className="field">
            <label htmlFor="close-notes">{t('change.record.closeNotes')}</label>
            <textarea id="close-notes" name="notes" rows={2} />
          </div>
          <button type="submit" disabled={busy}>
            {t('change.record.do.closeChange')}
          </button>
        </form>
      )}
      {reasoned.length > 0 && (
        <form onSubmit={withReason} className="action">
          <div className="field">
            <label htmlFor="lifecycle-reason">{t('change.record.reason')}</label>
            <input type="text" id="lifecycle-reason" name="reason" />
          </div>
          <div className="buttons">
            {reasoned.map((action) => (
              <button key={action} type="submit" value={action} className="danger" disabled={busy}>
                {t(`change.record.do.${action}`)}
              </button>
            ))}
          </div>
        </form>
      )}
    </section>
  );
}
