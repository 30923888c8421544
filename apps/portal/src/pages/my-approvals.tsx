import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationName } from '../api/operations';
import type { Connection } from '../api/types';
import { Alert } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import type { PendingChange, RequestApprovalToDecide } from '../self-service/types';
import { useItemForm } from '../self-service/use-item-form';
import { useQuery } from '../self-service/use-query';
import { variableEntries } from '../self-service/variable-entries';

/** Who may read changes (and so has change approvals): the change context's CHANGE_READERS. */
const CHANGE_ROLES = ['requester', 'change-manager', 'cab-member', 'implementer', 'supplier-agent', 'admin'];

type Verdict = 'approved' | 'rejected';

/** Self-service: what awaits my decision: requested items (catalogue approvals) and changes; approve or reject with a comment. */
export function MyApprovals() {
  const { t } = useTranslation();
  const { session } = usePortal();
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const requests = useQuery<{ myApprovals: Connection<RequestApprovalToDecide> }>('MyApprovals', {}, 'mine');
  const changesShown = session.roles.some((role) => CHANGE_ROLES.includes(role));
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
      <section aria-labelledby="request-approvals-title">
        <h2 id="request-approvals-title">{t('selfService.approvals.requests')}</h2>
        <Alert messages={requests.error === undefined ? [] : [t('common.error', { message: requests.error })]} />
        {requests.data === undefined ? (
          requests.error === undefined && <p>{t('common.loading')}</p>
        ) : requests.data.myApprovals.edges.length === 0 ? (
          <p>{t('selfService.approvals.none')}</p>
        ) : (
          requests.data.myApprovals.edges.map(({ node }) => (
            <RequestApproval
              key={node.item.id}
              approval={node}
              onDecided={(verdict) => {
                setNotice(t(`selfService.approvals.decided.${verdict}`, { number: node.item.number }));
                requests.reload();
              }}
            />
          ))
        )}
      </section>
      {changesShown && <ChangeApprovals onDecided={setNotice} />}
    </section>
  );
}

function ChangeApprovals({ onDecided }: { onDecided: (notice: string) => void }) {
  const { t, i18n } = useTranslation();
  const changes = useQuery<{ myPendingApprovals: Connection<PendingChange> }>('MyPendingApprovals', {}, 'mine');
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="change-approvals-title">
      <h2 id="change-approvals-title">{t('selfService.approvals.changes')}</h2>
      <Alert messages={changes.error === undefined ? [] : [t('common.error', { message: changes.error })]} />
      {changes.data === undefined ? (
        changes.error === undefined && <p>{t('common.loading')}</p>
      ) : changes.data.myPendingApprovals.edges.length === 0 ? (
        <p>{t('selfService.approvals.none')}</p>
      ) : (
        changes.data.myPendingApprovals.edges.map(({ node: change }) => (
          <DecisionCard
            key={change.id}
            id={`change-${change.id}`}
            heading={`${change.number}: ${change.title}`}
            details={[
              [t('selfService.approvals.model'), change.model],
              [t('selfService.approvals.requester'), change.requesterId],
              ...(change.planned === null ? [] : ([[t('selfService.approvals.planned'), `${when.format(new Date(change.planned.start))} – ${when.format(new Date(change.planned.end))}`]] as [string, string][])),
            ]}
            decide={(decision, comment) => ['DecideApproval', { input: { changeId: change.id, decision, comment } }]}
            onDecided={(verdict) => {
              onDecided(t(`selfService.approvals.decided.${verdict}`, { number: change.number }));
              changes.reload();
            }}
          />
        ))
      )}
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
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const verdict: Verdict = submitter?.value === 'rejected' ? 'rejected' : 'approved';
    const comment = String(new FormData(event.currentTarget).get('comment') ?? '').trim();
    const [operation, variables] = decide(verdict, comment === '' ? null : comment);
    setBusy(true);
    setError(undefined);
    client
      .request(operation, variables)
      .then(() => onDecided(verdict))
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)))
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
        <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
        <div className="field">
          <label htmlFor={`${id}-comment`}>{t('selfService.approvals.comment')}</label>
          <textarea id={`${id}-comment`} name="comment" rows={2} />
        </div>
        <div className="buttons">
          <button type="submit" value="approved" disabled={busy}>
            {t('selfService.approvals.approve')}
          </button>
          <button type="submit" value="rejected" className="danger" disabled={busy}>
            {t('selfService.approvals.reject')}
          </button>
        </div>
      </form>
    </section>
  );
}
