import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangeStateBadge, ConflictBadge, messageOf, RiskBadge, WindowText } from '../change/change-components';
import { allPages } from '../api/paging';
import type { Page } from '../api/paging';
import { CHANGE_MODELS, CHANGE_STATES, RISK_LEVELS } from '../change/change-types';
import type { ChangeSummary } from '../change/change-types';
import { Alert, SelectField } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';

interface Filter {
  readonly state: string;
  readonly model: string;
  readonly risk: string;
}

const ANY = '';

/** Change management: the changes the caller may see, filtered by state, model and risk (the API's filters). */
export function ChangeList() {
  const { t } = useTranslation();
  const { client } = usePortal();
  const [filter, setFilter] = useState<Filter>({ state: ANY, model: ANY, risk: ANY });
  const [changes, setChanges] = useState<readonly ChangeSummary[] | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);
  const [more, setMore] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let current = true;
    const variables = {
      filter: {
        ...(filter.state === ANY ? {} : { states: [filter.state] }),
        ...(filter.model === ANY ? {} : { models: [filter.model] }),
        ...(filter.risk === ANY ? {} : { risks: [filter.risk] }),
      },
    };
    setError(undefined);
    // A page after the first appends; a new filter starts again (no stale rows next to an error).
    if (more === null) {
      setChanges(undefined);
      setNext(null);
    }
    client.request<{ changes: Page<ChangeSummary> }>('Changes', { ...variables, after: more }).then(
      (data) => {
        if (!current) return;
        const rows = data.changes.edges.map((edge) => edge.node);
        setChanges((shown) => (more === null || shown === undefined ? rows : [...shown, ...rows]));
        setNext(data.changes.pageInfo.hasNextPage ? data.changes.pageInfo.endCursor : null);
      },
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [client, filter, more]);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setMore(null);
    setFilter({ state: String(form.get('state') ?? ANY), model: String(form.get('model') ?? ANY), risk: String(form.get('risk') ?? ANY) });
  };
  const options = (values: readonly string[], prefix: string) => [{ value: ANY, label: t('change.list.any') }, ...values.map((value) => ({ value, label: t(`${prefix}.${value}`) }))];

  return (
    <section aria-labelledby="changes-title">
      <h1 id="changes-title">{t('change.list.title')}</h1>
      <MyPendingApprovals />
      <h2>{t('change.list.all')}</h2>
      <form onSubmit={apply} className="filters" aria-label={t('change.list.filters')}>
        <SelectField id="change-filter-state" name="state" label={t('change.list.state')} options={options(CHANGE_STATES, 'change.states')} defaultValue={filter.state} />
        <SelectField id="change-filter-model" name="model" label={t('change.list.model')} options={options(CHANGE_MODELS, 'change.models')} defaultValue={filter.model} />
        <SelectField id="change-filter-risk" name="risk" label={t('change.list.risk')} options={options(RISK_LEVELS, 'change.risks')} defaultValue={filter.risk} />
        <button type="submit">{t('change.list.apply')}</button>
      </form>
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      {changes === undefined ? (
        error === undefined && <p>{t('common.loading')}</p>
      ) : changes.length === 0 ? (
        <p>{t('change.list.empty')}</p>
      ) : (
        <>
          <ChangeTable caption={t('change.list.caption')} changes={changes} />
          {next !== null && (
            <button type="button" className="secondary-dark" onClick={() => setMore(next)}>
              {t('change.list.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** Changes waiting for my approval decision (or that of someone who delegated to me). */
function MyPendingApprovals() {
  const { t } = useTranslation();
  const { client } = usePortal();
  const [changes, setChanges] = useState<readonly ChangeSummary[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    allPages((after) => client.request<{ myPendingApprovals: Page<ChangeSummary> }>('MyPendingApprovals', { after }).then((data) => data.myPendingApprovals)).then(
      (data) => current && setChanges(data.nodes),
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [client]);
  if (error !== undefined) return <Alert messages={[t('common.error', { message: error })]} />;
  if (changes === undefined || changes.length === 0) return null;
  return (
    <section aria-labelledby="pending-approvals-title" className="card">
      <h2 id="pending-approvals-title">{t('change.list.pending')}</h2>
      <ChangeTable caption={t('change.list.pendingCaption')} changes={changes} />
    </section>
  );
}

function ChangeTable({ caption, changes }: { caption: string; changes: readonly ChangeSummary[] }) {
  const { t } = useTranslation();
  const { navigate } = usePortal();
  return (
    <div className="scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.number')}</th>
            <th scope="col">{t('columns.title')}</th>
            <th scope="col">{t('change.list.state')}</th>
            <th scope="col">{t('change.list.model')}</th>
            <th scope="col">{t('change.list.risk')}</th>
            <th scope="col">{t('change.list.planned')}</th>
            <th scope="col">{t('change.list.conflicts')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.id} data-number={change.number}>
              <td>
                <Link to={ROUTES.change(change.id)} navigate={navigate}>
                  {change.number}
                </Link>
              </td>
              <td>{change.title}</td>
              <td>
                <ChangeStateBadge state={change.state} />
              </td>
              <td>{t(`change.models.${change.model}`)}</td>
              <td>
                <RiskBadge level={change.risk?.level} />
              </td>
              <td>
                <WindowText window={change.planned} />
              </td>
              <td>{change.conflicts.length === 0 ? t('change.conflict.none') : <ConflictBadge conflicts={change.conflicts} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
