import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemRecord as ProblemData } from '../agent/agent-types';
import { problemActions } from '../agent/problem-actions';
import { managesProblems } from '../agent/roles';
import { formErrorsOf } from '../api/graphql-errors';
import type { FormErrors } from '../api/graphql-errors';
import type { OperationName } from '../api/operations';
import { Alert, SelectField } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import { ProblemStateBadge } from './problems';

const KNOWN_ERROR_FIELDS = ['symptom', 'rootCause', 'workaround'] as const;
const NO_ERRORS: FormErrors = { fields: {}, form: [] };

/** One problem: state, root cause and known error (symptom, workaround), and the actions the API offers problem staff and managers. */
export function ProblemRecord({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { client, session, navigate } = usePortal();
  const [problem, setProblem] = useState<ProblemData | undefined>(undefined);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');

  useEffect(() => {
    let current = true;
    client.request<{ problem: ProblemData }>('Problem', { id }).then(
      (data) => current && setProblem(data.problem),
      (failure: unknown) => current && setErrors(formErrorsOf(failure, [])),
    );
    return () => {
      current = false;
    };
  }, [client, id]);

  const act = (operation: OperationName, variables: Readonly<Record<string, unknown>>, fields: readonly string[] = []) => {
    setBusy(true);
    setErrors(NO_ERRORS);
    setStatus('');
    client
      .request<Readonly<Record<string, ProblemData>>>(operation, variables)
      .then((data) => {
        const changed = Object.values(data)[0];
        if (changed !== undefined) {
          setProblem(changed);
          setStatus(t('agent.problems.saved', { state: t(`agent.problems.states.${changed.state}`) }));
        }
      })
      .catch((failure: unknown) => setErrors(formErrorsOf(failure, fields)))
      .finally(() => setBusy(false));
  };

  if (problem === undefined) return errors.form.length > 0 ? <Alert messages={errors.form} /> : <p>{t('common.loading')}</p>;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const { open, next, resolvable, closable, final } = problemActions(problem.state);
  const manager = managesProblems(session);
  const advance = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    act('AdvanceProblem', { id: problem.id, to: new FormData(event.currentTarget).get('to') });
  };
  const knownError = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    act('RecordKnownError', { input: { id: problem.id, symptom: String(form.get('symptom') ?? ''), rootCause: String(form.get('rootCause') ?? ''), workaround: String(form.get('workaround') ?? '') } }, KNOWN_ERROR_FIELDS);
  };
  const resolve = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fixChangeId = String(form.get('fixChangeId') ?? '').trim();
    act('ResolveProblem', { input: { id: problem.id, notes: String(form.get('resolutionNotes') ?? ''), ...(fixChangeId === '' ? {} : { fixChangeId }) } }, ['resolutionNotes', 'fixChangeId']);
  };
  const fieldProps = (name: string) => ({
    id: `problem-${name}`,
    name,
    'aria-invalid': errors.fields[name] !== undefined,
    'aria-describedby': errors.fields[name] === undefined ? undefined : `problem-${name}-error`,
  });
  const fieldError = (name: string) =>
    errors.fields[name] === undefined ? null : (
      <p id={`problem-${name}-error`} className="field-error">
        {errors.fields[name]}
      </p>
    );

  return (
    <article aria-labelledby="problem-title">
      <p>
        <Link to={ROUTES.problems} navigate={navigate}>
          {t('agent.problems.back')}
        </Link>
      </p>
      <h1 id="problem-title">
        {t('agent.problems.record', { number: problem.number })}: {problem.title}
      </h1>
      <p data-testid="problem-state">
        <ProblemStateBadge state={problem.state} />
      </p>
      <p role="status" className="visually-hidden">
        {status}
      </p>
      <div className="columns">
        <section aria-labelledby="problem-details" className="card">
          <h2 id="problem-details">{t('record.details')}</h2>
          <dl>
            <dt>{t('record.priority')}</dt>
            <dd>P{problem.priority}</dd>
            <dt>{t('record.group')}</dt>
            <dd>{problem.assignmentGroupId ?? t('record.unassigned')}</dd>
            <dt>{t('agent.impact.services')}</dt>
            <dd>{problem.serviceId ?? t('agent.impact.none')}</dd>
            <dt>{t('agent.impact.cis')}</dt>
            <dd>{problem.configurationItemIds.length === 0 ? t('agent.impact.none') : problem.configurationItemIds.join(', ')}</dd>
            <dt>{t('agent.problems.opened')}</dt>
            <dd>
              <time dateTime={problem.openedAt}>{when.format(new Date(problem.openedAt))}</time> ({problem.openedBy})
            </dd>
          </dl>
          <p className="description">{problem.description}</p>
          <h3>{t('agent.problems.knownError')}</h3>
          {problem.knownError === null ? (
            <p>{t('agent.problems.noKnownError')}</p>
          ) : (
            <dl data-testid="known-error">
              <dt>{t('agent.problems.symptom')}</dt>
              <dd>{problem.knownError.symptom}</dd>
              <dt>{t('agent.problems.rootCause')}</dt>
              <dd>{problem.knownError.rootCause}</dd>
              <dt>{t('agent.problems.workaround')}</dt>
              <dd>{problem.knownError.workaround}</dd>
              <dt>{t('agent.problems.recorded')}</dt>
              <dd>
                <time dateTime={problem.knownError.recordedAt}>{when.format(new Date(problem.knownError.recordedAt))}</time> ({problem.knownError.recordedBy})
              </dd>
            </dl>
          )}
          {problem.resolutionNotes !== null && (
            <>
              <h3>{t('record.resolution')}</h3>
              <p>{problem.resolutionNotes}</p>
            </>
          )}
        </section>
        <section aria-labelledby="problem-actions" className="card">
          <h2 id="problem-actions">{t('record.actions')}</h2>
          <Alert messages={errors.form} />
          {final !== undefined && <p>{t(`agent.problems.final.${final}`)}</p>}
          {next.length > 0 && (
            <form onSubmit={advance} className="action">
              <SelectField id="problem-stage" name="to" label={t('agent.problems.advanceTo')} options={next.map((stage) => ({ value: stage, label: t(`agent.problems.states.${stage}`) }))} />
              <button type="submit" disabled={busy}>
                {t('agent.problems.advance')}
              </button>
            </form>
          )}
          {open && (
            <form onSubmit={knownError} className="action" noValidate aria-labelledby="known-error-title">
              <h3 id="known-error-title">{t('agent.problems.recordKnownError')}</h3>
              {KNOWN_ERROR_FIELDS.map((name) => (
                <div className="field" key={name}>
                  <label htmlFor={`problem-${name}`}>{t(`agent.problems.${name}`)}</label>
                  <textarea rows={2} defaultValue={problem.knownError?.[name] ?? ''} {...fieldProps(name)} />
                  {fieldError(name)}
                </div>
              ))}
              <button type="submit" disabled={busy}>
                {t('agent.problems.recordKnownError')}
              </button>
            </form>
          )}
          {manager && resolvable && (
            <form onSubmit={resolve} className="action" noValidate aria-labelledby="resolve-problem-title">
              <h3 id="resolve-problem-title">{t('agent.problems.resolve')}</h3>
              <div className="field">
                <label htmlFor="problem-resolutionNotes">{t('record.resolutionNotes')}</label>
                <textarea rows={2} {...fieldProps('resolutionNotes')} />
                {fieldError('resolutionNotes')}
              </div>
              <div className="field">
                <label htmlFor="problem-fixChangeId">{t('agent.problems.fixChange')}</label>
                <input type="text" {...fieldProps('fixChangeId')} />
                {fieldError('fixChangeId')}
              </div>
              <button type="submit" disabled={busy}>
                {t('agent.problems.resolve')}
              </button>
            </form>
          )}
          {manager && closable && (
            <p>
              <button type="button" onClick={() => act('CloseProblem', { id: problem.id })} disabled={busy}>
                {t('agent.problems.close')}
              </button>
            </p>
          )}
          {manager && open && !resolvable && <p className="hint">{t('agent.problems.resolveFrom')}</p>}
          {!manager && (open || closable) && <p className="hint">{t('agent.problems.managersOnly')}</p>}
        </section>
      </div>
    </article>
  );
}
