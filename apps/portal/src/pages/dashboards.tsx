import { useCallback, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, SelectField } from '../components';
import { dashboardAccess } from '../dashboards/dashboard-access';
import { ReportCard, useReport } from '../dashboards/report-card';
import { defaultPeriod, exportUrl, formatDuration, formatRate, GRAINS, hoursOf, percentOf, periodProblem } from '../dashboards/report-period';
import type { Grain, PeriodField, PeriodProblem, ReportPeriod } from '../dashboards/report-period';
import type { BacklogRow, ChangeReportRow, IncidentReportRow, SlaComplianceRow, SupplierScorecard } from '../dashboards/report-types';
import { usePortal } from '../portal-context';

type OnPeriodFields = (fields: Partial<Record<PeriodField, string>>) => void;

const periodParams = (period: ReportPeriod) => ({ from: period.from, to: period.to, grain: period.grain, timeZone: period.timeZone });

/** Dashboards: MTTA/MTTR, SLA compliance, backlog, change success and supplier scorecards over a chosen range and grain. */
export function Dashboards() {
  const { t } = useTranslation();
  const { session } = usePortal();
  const access = dashboardAccess(session.roles);
  const seesAny = access.incidents || access.changes || access.scorecards !== 'none';
  const [period, setPeriod] = useState<ReportPeriod>(() => defaultPeriod(Date.now()));
  const [draft, setDraft] = useState(period);
  // The period's problems next to their inputs: the portal's own checks, else the server's (REPORTING.INVALID_PERIOD).
  const [problem, setProblem] = useState<PeriodProblem | undefined>(undefined);
  const [serverFields, setServerFields] = useState<Partial<Record<PeriodField, string>>>({});
  const onPeriodFields = useCallback((fields: Partial<Record<PeriodField, string>>) => setServerFields((known) => ({ ...known, ...fields })), []);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const wrong = periodProblem(draft);
    setProblem(wrong);
    setServerFields({});
    if (wrong === undefined) setPeriod(draft);
    else document.getElementById(`period-${wrong.field}`)?.focus();
  };
  const messageOf = (field: PeriodField): string | undefined => (problem?.field === field ? t(`dashboards.period.${problem.key}`) : serverFields[field]);
  const invalid = (field: PeriodField) => (messageOf(field) === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': `period-${field}-error` });
  const fieldError = (field: PeriodField) => {
    const message = messageOf(field);
    return message === undefined ? null : (
      <p id={`period-${field}-error`} className="field-error">
        {message}
      </p>
    );
  };
  return (
    <section aria-labelledby="dashboards-title" className="dashboards">
      <h1 id="dashboards-title">{t('dashboards.title')}</h1>
      {!seesAny ? (
        <p>{t('dashboards.notAllowed')}</p>
      ) : (
        <>
          <form className="period-form" onSubmit={apply} noValidate>
            <div className="field inline">
              <label htmlFor="period-from">{t('dashboards.period.from')}</label>
              <input id="period-from" type="date" value={draft.from} required onChange={(event) => setDraft({ ...draft, from: event.target.value })} {...invalid('from')} />
              {fieldError('from')}
            </div>
            <div className="field inline">
              <label htmlFor="period-to">{t('dashboards.period.to')}</label>
              <input id="period-to" type="date" value={draft.to} required onChange={(event) => setDraft({ ...draft, to: event.target.value })} {...invalid('to')} />
              {fieldError('to')}
            </div>
            <div className="field inline">
              <SelectField id="period-grain" label={t('dashboards.period.grain')} className="field inline" options={GRAINS.map((grain) => ({ value: grain, label: t(`dashboards.grains.${grain}`) }))} value={draft.grain} onChange={(event) => setDraft({ ...draft, grain: event.target.value as Grain })} {...invalid('grain')} />
              {fieldError('grain')}
            </div>
            <button type="submit">{t('dashboards.period.apply')}</button>
          </form>
          <p className="hint">{t('dashboards.period.hint')}</p>
          <div className="report-grid">
            {access.incidents && <IncidentReports period={period} onPeriodFields={onPeriodFields} />}
            {access.changes && <ChangeReport period={period} onPeriodFields={onPeriodFields} />}
          </div>
          {access.scorecards !== 'none' && <Scorecards period={period} onPeriodFields={onPeriodFields} own={access.scorecards === 'own' ? (session.org ?? '') : undefined} />}
        </>
      )}
    </section>
  );
}

/** MTTA/MTTR, SLA compliance and the backlog (staff). */
function IncidentReports({ period, onPeriodFields }: { period: ReportPeriod; onPeriodFields: OnPeriodFields }) {
  const { t, i18n } = useTranslation();
  const { client } = usePortal();
  const lang = i18n.language;
  const key = JSON.stringify(period);
  const incidents = useReport(`incidents:${key}`, async () => (await client.request<{ incidentReport: IncidentReportRow[] }>('DashboardIncidentReport', { period })).incidentReport, onPeriodFields);
  const sla = useReport(`sla:${key}`, async () => (await client.request<{ slaCompliance: SlaComplianceRow[] }>('DashboardSlaCompliance', { period })).slaCompliance, onPeriodFields);
  // The backlog is "now": keyed by the period too, so Show refreshes it with the other reports.
  const backlog = useReport(`backlog:${key}`, async () => (await client.request<{ incidentBacklog: BacklogRow[] }>('DashboardBacklog')).incidentBacklog);
  const hours = t('dashboards.axis.hours');
  const count = t('dashboards.axis.count');
  const percent = t('dashboards.axis.percent');
  const priority = (group: string | null) => (group === null || group === '' ? t('dashboards.none') : `P${group}`);
  return (
    <>
      <ReportCard
        id="mtta-mttr"
        title={t('dashboards.incidents.title')}
        rows={incidents.data}
        error={incidents.error}
        csv={{ url: exportUrl('incident-report', periodParams(period)), name: 'incident-report.csv' }}
        chart={(rows) => ({
          categories: rows.map((row) => row.period),
          axes: [hours, count],
          series: [
            { name: t('dashboards.incidents.mtta'), kind: 'line', values: rows.map((row) => hoursOf(row.mttaMs)) },
            { name: t('dashboards.incidents.mttr'), kind: 'line', values: rows.map((row) => hoursOf(row.mttrMs)) },
            { name: t('dashboards.incidents.opened'), kind: 'bar', axis: 1, values: rows.map((row) => row.opened) },
          ],
        })}
        columns={[
          { header: t('dashboards.columns.period'), cell: (row) => row.period },
          { header: t('dashboards.incidents.opened'), cell: (row) => row.opened, numeric: true },
          { header: t('dashboards.incidents.acknowledged'), cell: (row) => row.acknowledged, numeric: true },
          { header: t('dashboards.incidents.resolved'), cell: (row) => row.resolved, numeric: true },
          { header: t('dashboards.incidents.mtta'), cell: (row) => formatDuration(row.mttaMs, lang), numeric: true },
          { header: t('dashboards.incidents.mttr'), cell: (row) => formatDuration(row.mttrMs, lang), numeric: true },
        ]}
      />
      <ReportCard
        id="sla-compliance"
        title={t('dashboards.sla.title')}
        rows={sla.data}
        error={sla.error}
        csv={{ url: exportUrl('sla-compliance', periodParams(period)), name: 'sla-compliance.csv' }}
        chart={(rows) => ({
          categories: rows.map((row) => row.period),
          axes: [count, percent],
          series: [
            { name: t('dashboards.sla.met'), kind: 'bar', stack: 'clocks', values: rows.map((row) => row.met) },
            { name: t('dashboards.sla.breached'), kind: 'bar', stack: 'clocks', values: rows.map((row) => row.breached) },
            { name: t('dashboards.sla.compliance'), kind: 'line', axis: 1, values: rows.map((row) => percentOf(row.compliance)) },
          ],
        })}
        columns={[
          { header: t('dashboards.columns.period'), cell: (row) => row.period },
          { header: t('dashboards.sla.met'), cell: (row) => row.met, numeric: true },
          { header: t('dashboards.sla.breached'), cell: (row) => row.breached, numeric: true },
          { header: t('dashboards.sla.compliance'), cell: (row) => formatRate(row.compliance, lang), numeric: true },
        ]}
      />
      <ReportCard
        id="backlog"
        title={t('dashboards.backlog.title')}
        rows={backlog.data}
        error={backlog.error}
        intro={<p className="hint">{t('dashboards.backlog.now')}</p>}
        csv={{ url: exportUrl('incident-backlog', { groupBy: 'priority' }), name: 'incident-backlog.csv' }}
        chart={(rows) => ({
          categories: rows.map((row) => priority(row.group)),
          axes: [count, hours],
          series: [
            { name: t('dashboards.backlog.open'), kind: 'bar', values: rows.map((row) => row.open) },
            { name: t('dashboards.backlog.meanAge'), kind: 'line', axis: 1, values: rows.map((row) => hoursOf(row.meanAgeMs)) },
          ],
        })}
        columns={[
          { header: t('dashboards.columns.priority'), cell: (row) => priority(row.group) },
          { header: t('dashboards.backlog.open'), cell: (row) => row.open, numeric: true },
          { header: t('dashboards.backlog.meanAge'), cell: (row) => formatDuration(row.meanAgeMs, lang), numeric: true },
          { header: t('dashboards.backlog.oldest'), cell: (row) => formatDuration(row.oldestAgeMs, lang), numeric: true },
        ]}
      />
    </>
  );
}

/** Change success: every change for overseers, a supplier agent's organisation's (forced by the server). */
function ChangeReport({ period, onPeriodFields }: { period: ReportPeriod; onPeriodFields: OnPeriodFields }) {
  const { t, i18n } = useTranslation();
  const { client } = usePortal();
  const lang = i18n.language;
  const changes = useReport(`changes:${JSON.stringify(period)}`, async () => (await client.request<{ changeReport: ChangeReportRow[] }>('DashboardChangeReport', { period })).changeReport, onPeriodFields);
  const count = t('dashboards.axis.count');
  const percent = t('dashboards.axis.percent');
  return (
    <ReportCard
      id="change-success"
      title={t('dashboards.changes.title')}
      rows={changes.data}
      error={changes.error}
      csv={{ url: exportUrl('change-report', periodParams(period)), name: 'change-report.csv' }}
      chart={(rows) => ({
        categories: rows.map((row) => row.period),
        axes: [count, percent],
        series: [
          { name: t('dashboards.changes.successful'), kind: 'bar', stack: 'closed', values: rows.map((row) => row.successful + row.successfulWithIssues) },
          { name: t('dashboards.changes.failed'), kind: 'bar', stack: 'closed', values: rows.map((row) => row.failed + row.backedOut) },
          { name: t('dashboards.changes.successRate'), kind: 'line', axis: 1, values: rows.map((row) => percentOf(row.successRate)) },
        ],
      })}
      columns={[
        { header: t('dashboards.columns.period'), cell: (row) => row.period },
        { header: t('dashboards.changes.requested'), cell: (row) => row.requested, numeric: true },
        { header: t('dashboards.changes.closed'), cell: (row) => row.closed, numeric: true },
        { header: t('dashboards.changes.successful'), cell: (row) => row.successful + row.successfulWithIssues, numeric: true },
        { header: t('dashboards.changes.failed'), cell: (row) => row.failed + row.backedOut, numeric: true },
        { header: t('dashboards.changes.successRate'), cell: (row) => formatRate(row.successRate, lang), numeric: true },
      ]}
    />
  );
}

/** Supplier scorecards: staff choose an organisation (those that held incidents in the range); a supplier agent sees its own. */
function Scorecards({ period, own, onPeriodFields }: { period: ReportPeriod; own: string | undefined; onPeriodFields: OnPeriodFields }) {
  const { t, i18n } = useTranslation();
  const { client } = usePortal();
  const whole = useMemo(() => ({ ...period, grain: 'whole' as const }), [period]);
  const suppliers = useReport(own === undefined ? `suppliers:${JSON.stringify(whole)}` : 'own', async () =>
    own === undefined ? (await client.request<{ incidentReport: { group: string | null }[] }>('DashboardSuppliers', { period: whole })).incidentReport.flatMap((row) => (row.group === null || row.group === '' ? [] : [row.group])) : [own],
    onPeriodFields,
  );
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const orgId = own ?? chosen ?? suppliers.data?.[0];
  const scorecard = useReport(`scorecard:${orgId ?? ''}:${JSON.stringify(period)}`, async () => (orgId === undefined ? undefined : (await client.request<{ supplierScorecard: SupplierScorecard }>('DashboardSupplierScorecard', { orgId, period })).supplierScorecard), onPeriodFields);
  const lang = i18n.language;
  const compliance = new Map(scorecard.data?.ucCompliance.map((row) => [row.period, row]) ?? []);
  return (
    <div className="scorecards">
      {own === undefined && suppliers.data !== undefined && suppliers.data.length > 0 && (
        <SelectField id="scorecard-org" label={t('dashboards.scorecard.org')} className="field inline" options={suppliers.data.map((id) => ({ value: id, label: id }))} value={orgId} onChange={(event) => setChosen(event.target.value)} />
      )}
      {suppliers.data !== undefined && suppliers.data.length === 0 && <p>{t('dashboards.scorecard.noSuppliers')}</p>}
      <Alert messages={suppliers.error === undefined ? [] : [t('common.error', { message: suppliers.error })]} />
      {orgId !== undefined && (
        <ReportCard
          id="scorecard"
          title={t('dashboards.scorecard.title', { org: orgId })}
          rows={scorecard.data?.periods}
          error={scorecard.error}
          intro={scorecard.data?.backlog ? <p className="hint">{t('dashboards.scorecard.backlog', { open: scorecard.data.backlog.open, oldest: formatDuration(scorecard.data.backlog.oldestAgeMs, lang) })}</p> : undefined}
          csv={{ url: exportUrl('incident-report', { ...periodParams(period), filter: `supplier:${orgId}` }), name: `scorecard-${orgId.replace(/[^\w.-]+/g, '-')}.csv` }}
          chart={(rows) => ({
            categories: rows.map((row) => row.period),
            axes: [t('dashboards.axis.count'), t('dashboards.axis.hours')],
            series: [
              { name: t('dashboards.incidents.opened'), kind: 'bar', values: rows.map((row) => row.opened) },
              { name: t('dashboards.incidents.resolved'), kind: 'bar', values: rows.map((row) => row.resolved) },
              { name: t('dashboards.incidents.mttr'), kind: 'line', axis: 1, values: rows.map((row) => hoursOf(row.mttrMs)) },
            ],
          })}
          columns={[
            { header: t('dashboards.columns.period'), cell: (row) => row.period },
            { header: t('dashboards.incidents.opened'), cell: (row) => row.opened, numeric: true },
            { header: t('dashboards.incidents.resolved'), cell: (row) => row.resolved, numeric: true },
            { header: t('dashboards.scorecard.handedOver'), cell: (row) => row.handedOver, numeric: true },
            { header: t('dashboards.incidents.mttr'), cell: (row) => formatDuration(row.mttrMs, lang), numeric: true },
            { header: t('dashboards.scorecard.meanHold'), cell: (row) => formatDuration(row.meanHoldMs, lang), numeric: true },
            { header: t('dashboards.scorecard.ucCompliance'), cell: (row) => formatRate(compliance.get(row.period)?.compliance, lang), numeric: true },
          ]}
        />
      )}
    </div>
  );
}
