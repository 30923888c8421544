import { lazy, Suspense, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components';
import { usePortal } from '../portal-context';
import type { ChartSpec } from './chart-spec';
import { downloadCsv } from './csv-export';
import { formErrorsOf, GatewayRequestError } from '../api/graphql-errors';
import type { PeriodField } from './report-period';

// echarts is big: its chunk loads with the first chart, never on the portal's first load.
const EchartsChart = lazy(() => import('./echarts-chart'));

/** A report's error when the server refused the period on one of its inputs (shown next to that input, not in the card). */
export const PERIOD_REJECTED = 'period-rejected';
const PERIOD_FIELDS: readonly PeriodField[] = ['from', 'to', 'grain'];

/** Server errors naming a period input (REPORTING.INVALID_PERIOD's field), by input; none for other errors. */
export function periodFieldErrors(error: unknown): Partial<Record<PeriodField, string>> {
  return error instanceof GatewayRequestError ? formErrorsOf(error, PERIOD_FIELDS).fields : {};
}

/**
 * A report's figures as they load: undefined while loading, or the rows, or the error's message
 * (PERIOD_REJECTED when `onPeriodFields` took the server's period errors).
 */
export function useReport<T>(key: string, load: () => Promise<T>, onPeriodFields?: (fields: Partial<Record<PeriodField, string>>) => void): { data: T | undefined; error: string | undefined } {
  const [state, setState] = useState<{ key: string; data?: T; error?: string }>({ key });
  useEffect(() => {
    let current = true;
    setState({ key });
    load().then(
      (data) => current && setState({ key, data }),
      (error: unknown) => {
        if (!current) return;
        const fields = periodFieldErrors(error);
        if (onPeriodFields !== undefined && Object.keys(fields).length > 0) {
          onPeriodFields(fields);
          setState({ key, error: PERIOD_REJECTED });
        } else setState({ key, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
    // `key` names everything `load` depends on.
  }, [key]);
  return state.key === key ? { data: state.data, error: state.error } : { data: undefined, error: undefined };
}

export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string | number;
  readonly numeric?: boolean;
}

/**
 * One dashboard report: its heading, a chart (an image: the table below holds the same figures, the
 * accessible equivalent), the table, and the CSV export of the same report from the server.
 */
export function ReportCard<Row>(props: { id: string; title: string; rows: readonly Row[] | undefined; error: string | undefined; chart: (rows: readonly Row[]) => ChartSpec; columns: readonly Column<Row>[]; csv: { url: string; name: string }; intro?: ReactNode }) {
  const { t } = useTranslation();
  const { session } = usePortal();
  const [exporting, setExporting] = useState<{ busy: boolean; message?: string; failed?: string }>({ busy: false });
  const { id, title, rows, error, chart, columns, csv } = props;
  const exportCsv = () => {
    setExporting({ busy: true });
    downloadCsv(csv.url, session.token, csv.name).then(
      (name) => setExporting({ busy: false, message: t('dashboards.exported', { name }) }),
      (failure: unknown) => setExporting({ busy: false, failed: t('dashboards.exportFailed', { message: failure instanceof Error ? failure.message : String(failure) }) }),
    );
  };
  return (
    <section className="report-card" aria-labelledby={`${id}-title`} data-report={id}>
      <div className="report-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <button type="button" className="secondary" onClick={exportCsv} disabled={exporting.busy} aria-describedby={`${id}-title`}>
          {exporting.busy ? t('dashboards.exporting') : t('dashboards.exportCsv')}
        </button>
      </div>
      {props.intro}
      <p className="visually-hidden" aria-live="polite">
        {exporting.message ?? ''}
      </p>
      <Alert messages={[...(exporting.failed === undefined ? [] : [exporting.failed]), ...(error === undefined || error === PERIOD_REJECTED ? [] : [t('common.error', { message: error })])]} />
      {error === PERIOD_REJECTED && <p className="hint">{t('dashboards.period.rejected')}</p>}
      {rows === undefined ? (
        error === undefined && <p>{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('dashboards.noFigures')}</p>
      ) : (
        <>
          <Suspense fallback={<div className="chart" aria-hidden="true" />}>
            <EchartsChart spec={chart(rows)} label={t('dashboards.chartOf', { title })} />
          </Suspense>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('dashboards.tableOf', { title })}>
            <table>
              <caption>{t('dashboards.tableOf', { title })}</caption>
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column.header} scope="col" className={column.numeric === true ? 'num' : undefined}>
                      {column.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={index}>
                    {columns.map((column, at) =>
                      at === 0 ? (
                        <th key={column.header} scope="row">
                          {column.cell(row)}
                        </th>
                      ) : (
                        <td key={column.header} className={column.numeric === true ? 'num' : undefined}>
                          {column.cell(row)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
