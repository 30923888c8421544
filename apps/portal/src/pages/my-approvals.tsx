import { useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationName } from '../api/operations';
import { Alert } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import { readsChangeApprovals, readsRequests } from '../self-service/access';
import { LoadMore } from '../self-service/load-more';
import type { PendingChange, RequestApprovalToDecide } from '../self-service/types';
import { useItemForm } from '../self-service/use-item-form';
import type { Page } from '../self-service/use-paged-query';
import { usePagedQuery } from '../self-service/use-paged-query';
import { variableEntries } from '../self-service/variable-entries';

type Verdict = 'approved' | 'rejected';

const pickRequestApprovals = (answer: { myApprovals: Page<RequestApprovalToDecide> }) => answer.myApprovals;
const idOfRequestApproval = (approval: RequestApprovalToDecide) => approval.item.id;
const pickChanges = (answer: { myPendingApprovals: Page<PendingChange> }) => answer.myPendingApprovals;
const idOfChange = (change: PendingChange) => change.id;

/** Self-service: what awaits my decision: requested items (catalogue approvals) and changes; approve or reject with a comment. */
export function MyApprovals() {
  const { t } = useTranslation();
  const { session } = usePortal();
  const [notice, setNotice] = useState<string | undefined>(undefined);
  return (
    <section aria-labelledby="approvals-title">
      <h1 id="approvals-title">{t('selfService.approvals.title')}</h1>
      <div aria-live="polite">
        {notice !== undefined && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
      </div>
      {/* A supplier agent may not read request approvals (REQUEST_READERS): the server would refuse the list. */}
      {readsRequests(session.roles) && <RequestApprovals onDecided={setNotice} />}
      {readsChangeApprovals(session.roles) && <ChangeApprovals onDecided={setNotice} />}
    </section>
  );
}

function RequestApprovals({ onDecided }: { onDecided: (notice: string) => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const requests = usePagedQuery('MyApprovals', {}, 'mine', pickRequestApprovals, idOfRequestApproval);
  return (
    <section aria-labelledby="request-approvals-title">
      <h2 id="request-approvals-title" ref={heading} tabIndex={-1}>
        {t('selfService.approvals.requests')}
      </h2>
      <Alert messages={requests.error === undefined ? [] : [t('common.error', { message: requests.error })]} />
      {requests.nodes === undefined ? (
        requests.error === undefined && <p>{t('common.loading')}</p>
      ) : requests.nodes.length === 0 ? (
        <p>{t('selfService.approvals.none')}</p>
      ) : (
        requests.nodes.map((node) => (
          <RequestApproval
            key={node.item.id}
            approval={node}
            onDecided={(verdict) => {
              onDecided(t(`selfService.approvals.decided.${verdict}`, { number: node.item.number }));
              // The decided card leaves the list: focus goes to its section, not to the page's start.
              heading.current?.focus();
              requests.reload();
            }}
          />
        ))
      )}
      <LoadMore hasMore={requests.hasMore} busy={requests.loadingMore} onClick={requests.loadMore} />
    </section>
  );
}

function ChangeApprovals({ onDecided }: { onDecided: (notice: string) => void }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const changes = usePagedQuery('MyPendingApprovals', {}, 'mine', pickChanges, idOfChange);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="change-approvals-title">
      <h2 id="change-approvals-title" ref={heading} tabIndex={-1}>
        {t('selfService.approvals.changes')}
      </h2>
      <Alert messages={changes.error === undefined ? [] : [t('common.error', { message: changes.error })]} />
      {changes.nodes === undefined ? (
        changes.error === undefined && <p>{t('common.loading')}</p>
      ) : changes.nodes.length === 0 ? (
        <p>{t('selfService.approvals.none')}</p>
      ) : (
        changes.nodes.map((change) => (
          <DecisionCard
            key={change.id}
            id={`change-${change.id}`}
            heading={`${change.number}: ${change.title}`}
            details={[
              [t('selfService.approvals.model'), t(`change.models.${change.model}`, { defaultValue: change.model })],
              [t('selfService.approvals.requester'), change.requesterId],
              ...(change.planned === null ? [] : ([[t('selfService.approvals.planned'), `${when.format(new Date(change.planned.start))} – ${when.format(new Date(change.planned.end))}`]] as [string, string][])),
            ]}
            decide={(decision, comment) => ['DecideApproval', { input: { changeId: change.id, decision, comment } }]}
            onDecided={(verdict) => {
              onDecided(t(`selfService.approvals.decided.${verdict}`, { number: change.number }));
              heading.current?.focus();
              changes.reload();
            }}
          />
        ))
      )}
      <LoadMore hasMore={changes.hasMore} busy={changes.loadingMore} onClick={changes.loadMore} />
    </section>
  );
}

function RequestApproval({ approval, onDecided }: { approval: RequestApprovalToDecide; onDecided: (verdict: Verdict) => void }) {
  const { t } = useTranslation();
  const { navigate } = usePortal();
  const level = approval.levels[0];
  const form = useItemForm(approval.item.catalogItemId, approval.item.catalogItemVersion);
  return (
    <DecisionCard
      id={`item-${approval.item.id}`}
      heading={`${approval.item.number}: ${approval.item.name}`}
      link={
        <Link to={ROUTES.request(approval.requestId)} navigate={navigate}>
          {t('selfService.request.title', { number: approval.requestNumber })}
        </Link>
      }
      details={[
        [t('selfService.approvals.for'), approval.requestedForId],
        [t('selfService.order.quantity'), String(approval.item.quantity)],
        ...(level === undefined ? [] : ([[t('selfService.approvals.level'), level.name]] as [string, string][])),
        ...variableEntries(approval.item.variables, (yes) => t(yes ? 'selfService.yes' : 'selfService.no'), form),
      ]}
      decide={(decision, comment) => ['DecideRequestApproval', { requestedItemId: approval.item.id, decision, comment, level: level?.index ?? null }]}
      onDecided={onDecided}
    />
  );
}

/** One thing to decide: what it is, a comment, approve and reject; the server's refusal shows in the card. */
function DecisionCard({
  id,
  heading,
  link,
  details,
  decide,
  onDecided,
}: {
  id: string;
  heading: string;
  link?: ReactNode;
  details: readonly (readonly [string, string])[];
  decide: (decision: Verdict, comment: string | null) => [OperationName, Record<string, unknown>];
  onDecided: (verdict: Verdict) => void;
}) {
  const { t } = useTranslation();
  const { client } = usePortal();
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  // Set by the button pressed (Enter in the form presses the first one): no default verdict.
  const chosen = useRef<Verdict | undefined>(undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const verdict = chosen.current;
    chosen.current = undefined;
    if (verdict === undefined) {
      setError(t('selfService.approvals.chooseVerdict'));
      return;
    }
    const comment = String(new FormData(event.currentTarget).get('comment') ?? '').trim();
    const [operation, variables] = decide(verdict, comment === '' ? null : comment);
    setBusy(true);
    setError(undefined);
    client
      .request(operation, variables)
      .then(() => onDecided(verdict))
      .catch((failure: unknown) => setError(t('common.error', { message: failure instanceof Error ? failure.message : String(failure) })))
      .finally(() => setBusy(false));
  };
  return (
    <section aria-labelledby={`${id}-title`} className="card approval" data-approval={heading.split(':')[0]}>
      <h3 id={`${id}-title`}>{heading}</h3>
      {link !== undefined && <p>{link}</p>}
      <dl>
        {details.map(([term, value], index) => (
          <div key={index} className="pair">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <form onSubmit={submit} noValidate>
        <Alert messages={error === undefined ? [] : [error]} />
        <div className="field">
          <label htmlFor={`${id}-comment`}>{t('selfService.approvals.comment')}</label>
          <textarea id={`${id}-comment`} name="comment" rows={2} />
        </div>
        <div className="buttons">
          <button type="submit" value="approved" disabled={busy} onClick={() => (chosen.current = 'approved')}>
            {t('selfService.approvals.approve')}
          </button>
          <button type="submit" value="rejected" className="danger" disabled={busy} onClick={() => (chosen.current = 'rejected')}>
            {t('selfService.approvals.reject')}
          </button>
        </div>
      </form>
    </section>
  );
}
