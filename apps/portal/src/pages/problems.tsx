import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemState, ProblemSummary } from '../agent/agent-types';
import type { Page } from '../agent/agent-types';
import { allPages } from '../api/paging';
import { Alert, SelectField } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';

const FILTERS = ['open', 'known', 'all'] as const;
type Filter = (typeof FILTERS)[number];
const OPEN: ProblemState[] = ['new', 'assess', 'root_cause_analysis', 'fix_in_progress'];
const PROBLEM_LIMIT = 500;

export function ProblemStateBadge({ state }: { state: ProblemState }) {
  const { t } = useTranslation();
  return <span className={`badge problem-${state}`}>{t(`agent.problems.states.${state}`)}</span>;
}

/** Problem management: the problems (open, with a known error, or all), newest first. */
export function Problems() {
  const { t, i18n } = useTranslation();
  const { client, navigate } = usePortal();
  const [filter, setFilter] = useState<Filter>('open');
  const [problems, setProblems] = useState<readonly ProblemSummary[] | undefined>(undefined);
  const [truncated, setTruncated] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    setProblems(undefined);
    setTruncated(false);
    setError(undefined);
    // Known errors: the API has no such filter; the walk keeps them and counts only them against the limit.
    const keep = filter === 'known' ? (problem: ProblemSummary) => problem.knownError !== null : undefined;
    allPages(async (after) => (await client.request<{ problems: Page<ProblemSummary> }>('Problems', { states: filter === 'all' ? null : OPEN, after })).problems, PROBLEM_LIMIT, keep).then(
      (loaded) => {
        if (!current) return;
        setProblems(loaded.nodes);
        setTruncated(loaded.truncated);
      },
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      current = false;
    };
  }, [client, filter]);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <section aria-labelledby="problems-title">
      <h1 id="problems-title">{t('agent.problems.title')}</h1>
      <SelectField id="problems-filter" label={t('queue.view')} className="field inline" options={FILTERS.map((id) => ({ value: id, label: t(`agent.problems.filters.${id}`) }))} value={filter} onChange={(event) => setFilter(event.target.value as Filter)} />
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      {truncated && <p className="hint">{t('agent.problems.truncated', { limit: PROBLEM_LIMIT })}</p>}
      {problems === undefined ? (
        error === undefined && <p>{t('common.loading')}</p>
      ) : problems.length === 0 ? (
        <p>{t('agent.problems.empty')}</p>
      ) : (
        <div className="scroll-x">
          <table>
            <caption>{t(`agent.problems.filters.${filter}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.number')}</th>
                <th scope="col">{t('columns.title')}</th>
                <th scope="col">{t('columns.state')}</th>
                <th scope="col">{t('columns.priority')}</th>
                <th scope="col">{t('agent.problems.knownError')}</th>
                <th scope="col">{t('columns.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((problem) => (
                <tr key={problem.id} data-number={problem.number}>
                  <td>
                    <Link to={ROUTES.problem(problem.id)} navigate={navigate}>
                      {problem.number}
                    </Link>
                  </td>
                  <td>{problem.title}</td>
                  <td>
                    <ProblemStateBadge state={problem.state} />
                  </td>
                  <td>P{problem.priority}</td>
                  <td>{problem.knownError === null ? t('agent.problems.noKnownError') : t('agent.problems.hasKnownError')}</td>
                  <td>{when.format(new Date(problem.updatedAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
