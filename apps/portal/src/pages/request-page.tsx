import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, SlaBadge } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import { CommentForm, CommentList } from '../self-service/comment-form';
import { ItemValues } from '../self-service/item-values';
import { RequestStateBadge } from '../self-service/ticket-tables';
import type { RequestRecord } from '../self-service/types';
import { useQuery } from '../self-service/use-query';


/** Self-service: one request with its items (values, approvals), SLA clocks and public comments; comment, or cancel while open. */
export function RequestPage({ id, notice }: { id: string; notice: string | undefined }) {
  const { t } = useTranslation();
  const { client, session, navigate } = usePortal();
  const { data, error, reload, replace } = useQuery<{ request: RequestRecord }>('Request', { id }, id);
  const [actionError, setActionError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const stateLine = useRef<HTMLParagraphElement>(null);
  const request = data?.request;

  if (request === undefined) return error === undefined ? <p>{t('common.loading')}</p> : <Alert messages={[t('common.error', { message: error })]} />;
  const mayCancel = request.state === 'open' && (request.requestedById === session.sub || request.requestedForId === session.sub);
  const cancel = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    setBusy(true);
    setActionError(undefined);
    client
      .request<{ cancelRequest: RequestRecord }>('CancelRequest', { id: request.id, reason: reason === '' ? null : reason })
      .then(({ cancelRequest }) => {
        setConfirming(false);
        // The answer is the request as it is now; the form left with the open state, so focus goes to the state.
        replace({ request: cancelRequest });
        stateLine.current?.focus();
      })
      .catch((failure: unknown) => setActionError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => setBusy(false));
  };
  const comment = async (text: string) => {
    await client.request('AddRequestComment', { requestId: request.id, text });
    reload();
  };
  return (
    <article aria-labelledby="request-title">
      <p>
        <Link to={ROUTES.myTickets} navigate={navigate}>
          {t('selfService.tickets.back')}
        </Link>
      </p>
      <h1 id="request-title">{t('selfService.request.title', { number: request.number })}</h1>
      {notice !== undefined && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      <p data-testid="request-state" ref={stateLine} tabIndex={-1}>
        <RequestStateBadge state={request.state} />
      </p>
      <Alert messages={actionError === undefined ? [] : [t('common.error', { message: actionError })]} />
      {mayCancel &&
        (confirming ? (
          <form onSubmit={cancel} className="card" noValidate>
            <div className="field">
              <label htmlFor="cancel-reason">{t('selfService.request.reason')}</label>
              {/* Opened by the person's own click: the reason is where they continue. */}
              <textarea id="cancel-reason" name="reason" rows={2} autoFocus />
            </div>
            <div className="buttons">
              <button type="submit" className="danger" disabled={busy}>
                {t('selfService.request.confirmCancel')}
              </button>
              <button type="button" className="secondary bordered" onClick={() => {
                  setConfirming(false);
                  setActionError(undefined);
                  // Back to the button that opened the question (it is shown again after this render).
                  requestAnimationFrame(() => cancelButton.current?.focus());
                }}
              >
                {t('selfService.request.keep')}
              </button>
            </div>
          </form>
        ) : (
          <p>
            <button type="button" className="danger" ref={cancelButton} onClick={() => setConfirming(true)}>
              {t('selfService.request.cancel')}
            </button>
          </p>
        ))}
      <div className="columns">
        {request.items.map((item) => (
          <section key={item.id} aria-labelledby={`item-${item.id}`} className="card">
            <h2 id={`item-${item.id}`}>
              {item.number}: {item.name}
              {item.quantity > 1 && ` × ${item.quantity}`}
            </h2>
            <p>{t(`selfService.itemState.${item.state}`)}</p>
            <ItemValues json={item.variables} catalogItemId={item.catalogItemId} version={item.catalogItemVersion} />
            {item.approval !== null && (
              <>
                <h3>{t('selfService.request.approval', { outcome: t(`selfService.approvalStatus.${item.approval.outcome}`, { defaultValue: item.approval.outcome }) })}</h3>
                <ul className="plain">
                  {item.approval.levels.map((level) => (
                    <li key={level.index}>
                      {level.name}: {t(`selfService.approvalStatus.${level.status}`, { defaultValue: level.status })}
                      {level.decisions.map((decision) => (
                        <span key={`${decision.approverId}-${decision.at}`}>
                          {' '}
                          · {decision.approverId} ({t(`selfService.approvalStatus.${decision.decision}`, { defaultValue: decision.decision })}){decision.comment ? `: ${decision.comment}` : ''}
                        </span>
                      ))}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        ))}
        <section aria-labelledby="request-sla" className="card">
          <h2 id="request-sla">{t('columns.sla')}</h2>
          {request.slas.length === 0 ? (
            <SlaBadge clock={undefined} />
          ) : (
            <ul className="plain">
              {request.slas.map((clock) => (
                <li key={clock.clockId}>
                  {clock.definitionName}: <SlaBadge clock={clock} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section aria-labelledby="request-comments" className="card">
        <h2 id="request-comments">{t('selfService.comments.title')}</h2>
        <div aria-live="polite">
          <CommentList comments={request.comments.filter((c) => c.visibility === 'public')} />
        </div>
        <CommentForm id="request-comment" send={comment} />
      </section>
    </article>
  );
}
