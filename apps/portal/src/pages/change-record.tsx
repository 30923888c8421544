import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationName } from '../api/operations';
import { activeDelegators, editsChanges, lifecycleActions } from '../change/change-access';
import { ChangeApprovals } from '../change/change-approvals';
import { ChangeStateBadge, ConflictBadge, messageOf, WindowText } from '../change/change-components';
import { ChangeLifecycle } from '../change/change-lifecycle';
import { ChangeRisk } from '../change/change-risk';
import type { ChangeRecord as ChangeData, Conflict, RiskAssessment } from '../change/change-types';
import { Alert } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';

interface Loaded {
  readonly change: ChangeData;
  readonly changeConflicts: readonly Conflict[];
  readonly changeRiskRules: readonly { readonly id: string; readonly name: string }[];
}

/** One change: details, schedule, plans, the risk and why, approvals (the signed-in approver decides), conflicts and lifecycle steps. */
export function ChangeRecord({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { client, session, navigate } = usePortal();
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [assessment, setAssessment] = useState<RiskAssessment | undefined>(undefined);
  const [errors, setErrors] = useState<readonly string[]>([]);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [delegators, setDelegators] = useState<readonly string[]>([]);

  useEffect(() => {
    let current = true;
    // Who delegated their approvals to me: their seats I may decide too (DecideApprovalInput.onBehalfOf).
    client.request<{ myApprovalDelegations: Parameters<typeof activeDelegators>[0] }>('ChangeApprovalDelegations').then(
      (data) => current && setDelegators(activeDelegators(data.myApprovalDelegations, session.sub, new Date())),
      () => current && setDelegators([]),
    );
    return () => {
      current = false;
    };
  }, [client, session.sub]);

  useEffect(() => {
    let current = true;
    client.request<Loaded>('Change', { id }).then(
      (data) => current && setLoaded(data),
      (failure: unknown) => current && setErrors([messageOf(failure)]),
    );
    return () => {
      current = false;
    };
  }, [client, id, generation]);

  const heading = loaded === undefined ? undefined : `${t('change.record.title', { number: loaded.change.number })}: ${loaded.change.title}`;
  useEffect(() => {
    if (heading !== undefined) document.title = `${heading} · ${t('app.title')}`;
  }, [heading, t]);

  const run = <T,>(operation: OperationName, variables: Readonly<Record<string, unknown>>, then: (data: T) => void) => {
    setBusy(true);
    setErrors([]);
    setNotice(undefined);
    client
      .request<T>(operation, variables)
      .then(then)
      .catch((failure: unknown) => setErrors([messageOf(failure)]))
      .finally(() => setBusy(false));
  };
  /** A step whose form shows its own errors (next to its fields): resolves to the failure, undefined once done. */
  const act = async (operation: OperationName, variables: Readonly<Record<string, unknown>>): Promise<unknown> => {
    setBusy(true);
    setErrors([]);
    setNotice(undefined);
    try {
      const data = await client.request<Readonly<Record<string, ChangeData>>>(operation, variables);
      const changed = Object.values(data)[0];
      if (changed !== undefined) setNotice(t('change.record.done', { state: t(`change.states.${changed.state}`) }));
      // Conflicts and approvals follow the new state: read the record again.
      setGeneration((n) => n + 1);
      return undefined;
    } catch (failure: unknown) {
      return failure;
    } finally {
      setBusy(false);
    }
  };

  if (loaded === undefined) return errors.length > 0 ? <Alert messages={errors} /> : <p>{t('common.loading')}</p>;
  const { change, changeConflicts, changeRiskRules } = loaded;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <article aria-labelledby="change-title">
      <p>
        <Link to={ROUTES.changes} navigate={navigate}>
          {t('change.record.back')}
        </Link>
      </p>
      <h1 id="change-title">{heading}</h1>
      <p>
        <span data-testid="change-state">
          <ChangeStateBadge state={change.state} />
        </span>{' '}
        {t(`change.models.${change.model}`)} <ConflictBadge conflicts={changeConflicts} />
      </p>
      <Alert messages={errors} />
      <div role="status" className={notice === undefined ? undefined : 'notice'}>
        {notice}
      </div>
      <div className="columns">
        <section aria-labelledby="change-details-title" className="card">
          <h2 id="change-details-title">{t('change.record.details')}</h2>
          <dl>
            <dt>{t('change.record.requester')}</dt>
            <dd>{change.requesterId}</dd>
            <dt>{t('change.record.group')}</dt>
            <dd>{change.assignmentGroupId ?? t('change.record.none')}</dd>
            <dt>{t('change.record.assignee')}</dt>
            <dd>{change.assigneeId ?? t('change.record.none')}</dd>
            <dt>{t('change.record.cis')}</dt>
            <dd>{change.configurationItemIds.join(', ') || t('change.record.none')}</dd>
            <dt>{t('change.record.services')}</dt>
            <dd>{change.serviceIds.join(', ') || t('change.record.none')}</dd>
          </dl>
          <p className="description">{change.description}</p>
        </section>
        <section aria-labelledby="schedule-title" className="card">
          <h2 id="schedule-title">{t('change.record.schedule')}</h2>
          <dl>
            <dt>{t('change.record.planned')}</dt>
            <dd>
              <WindowText window={change.planned} />
            </dd>
            {change.actualStart !== null && (
              <>
                <dt>{t('change.record.actual')}</dt>
                <dd>
                  <WindowText window={{ start: change.actualStart, end: change.actualEnd ?? change.actualStart }} />
                </dd>
              </>
            )}
            {change.authorisedAt !== null && (
              <>
                <dt>{t('change.record.authorisedAt')}</dt>
                <dd>
                  <time dateTime={change.authorisedAt}>{when.format(new Date(change.authorisedAt))}</time>
                </dd>
              </>
            )}
          </dl>
          <h3>{t('change.record.conflicts')}</h3>
          {changeConflicts.length === 0 ? (
            <p>{t('change.record.noConflicts')}</p>
          ) : (
            <ul className="conflicts">
              {changeConflicts.map((conflict, index) => (
                <li key={index}>
                  <strong>{t(`change.conflict.kinds.${conflict.kind}`)}</strong>
                  {conflict.otherChangeId !== null && (
                    <>
                      {' '}
                      <Link to={ROUTES.change(conflict.otherChangeId)} navigate={navigate}>
                        {t('change.record.otherChange', { number: conflict.otherChangeNumber ?? conflict.otherChangeId })}
                      </Link>
                    </>
                  )}
                  : {conflict.reason}
                  {conflict.overlap !== null && (
                    <>
                      {' '}
                      (<WindowText window={conflict.overlap} />)
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <div className="columns">
        <ChangeRisk
          risk={change.risk}
          rules={changeRiskRules}
          assessment={assessment}
          canAssess={editsChanges(session.roles) && !['closed', 'canceled'].includes(change.state)}
          busy={busy}
          onAssess={() =>
            run<{ assessChangeRisk: RiskAssessment }>('AssessChangeRisk', { changeId: change.id }, (data) => {
              setAssessment(data.assessChangeRisk);
              // The stored risk (and what follows from it) changed: read the record again.
              setGeneration((n) => n + 1);
            })
          }
        />
        <ChangeApprovals change={change} sub={session.sub} delegators={delegators} busy={busy} onDecide={(input) => act('DecideApproval', { input: { changeId: change.id, ...input } })} />
      </div>
      <section aria-labelledby="plans-title" className="card">
        <h2 id="plans-title">{t('change.record.plans')}</h2>
        <dl>
          {(['implementation', 'backout', 'test'] as const).map((plan) => (
            <div key={plan} className="contents">
              <dt>{t(`change.record.${plan}`)}</dt>
              <dd className="description">{change.plans[plan] || t('change.record.none')}</dd>
            </div>
          ))}
        </dl>
      </section>
      <ChangeLifecycle id={change.id} actions={lifecycleActions(change, session)} busy={busy} onAct={act} />
    </article>
  );
}
