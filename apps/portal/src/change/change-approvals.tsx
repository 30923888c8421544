import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components';
import { decidableSeat } from './change-access';
import { useFormErrors } from './change-components';
import type { ChangeRecord } from './change-types';

/** A change's approval: each level with its rule, approvers and decisions; the decision form of the signed-in approver or of a delegate (on behalf of who delegated). */
export function ChangeApprovals({ change, sub, delegators, busy, onDecide }: { change: ChangeRecord; sub: string; delegators: readonly string[]; busy: boolean; onDecide: (input: { decision: 'approved' | 'rejected'; comment: string | null; onBehalfOf: string | null; level: number }) => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const { errors, capture, field, fieldError } = useFormErrors('approval', ['comment']);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const approval = change.approval;
  const seat = decidableSeat(change, sub, delegators);
  const decide = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (seat === undefined) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const comment = String(new FormData(event.currentTarget).get('comment') ?? '').trim();
    capture(await onDecide({ decision: submitter?.value === 'rejected' ? 'rejected' : 'approved', comment: comment === '' ? null : comment, onBehalfOf: seat.onBehalfOf, level: seat.level.index }));
  };
  return (
    <section aria-labelledby="approvals-title" className="card">
      <h2 id="approvals-title">{t('change.record.approvals')}</h2>
      {approval === null ? (
        <p>{t('change.record.noApproval')}</p>
      ) : (
        <>
          <p>{t('change.record.outcome', { outcome: t(`change.record.levelStatus.${approval.outcome}`) })}</p>
          <ol className="levels">
            {approval.levels.map((level) => (
              <li key={level.index}>
                <h3>
                  {t('change.record.levelTitle', { index: level.index + 1, name: level.name })} <span className={`badge level-${level.status}`}>{t(`change.record.levelStatus.${level.status}`)}</span>
                </h3>
                <p>
                  {t(`change.record.rules.${level.rule}`, { percent: level.quorumPercent ?? 0 })} · {t('change.record.needed', { count: level.approvalsNeeded })}
                  {!level.mandatory && ` · ${t('change.record.optional')}`}
                </p>
                <p>
                  {t('change.record.approvers')}: {level.approverIds.join(', ') || t('change.record.none')}
                </p>
                {level.decisions.length === 0 ? (
                  <p>{t('change.record.noDecision')}</p>
                ) : (
                  <ul className="plain">
                    {level.decisions.map((decision) => (
                      <li key={`${decision.approverId}-${decision.at}`}>
                        <time dateTime={decision.at}>{when.format(new Date(decision.at))}</time> {decision.approverId}
                        {decision.onBehalfOf !== null && ` (${t('change.record.onBehalfOf', { name: decision.onBehalfOf })})`}: {t(`change.record.verdicts.${decision.decision}`)}
                        {decision.comment !== null && decision.comment !== '' && ` – ${decision.comment}`}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          {seat !== undefined && (
            <form onSubmit={(event) => void decide(event)} className="action" aria-labelledby="your-decision" noValidate>
              <h3 id="your-decision">{seat.onBehalfOf === null ? t('change.record.yourDecision') : t('change.record.decisionFor', { name: seat.onBehalfOf })}</h3>
              <Alert messages={errors.form} />
              <div className="field">
                <label htmlFor="approval-comment">{t('change.record.comment')}</label>
                <textarea rows={2} {...field('comment')} />
                {fieldError('comment')}
              </div>
              <div className="buttons">
                <button type="submit" value="approved" disabled={busy}>
                  {t('change.record.approve')}
                </button>
                <button type="submit" value="rejected" className="danger" disabled={busy}>
                  {t('change.record.reject')}
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}
