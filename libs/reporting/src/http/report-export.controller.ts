import { AuthError, AuthErrorCode, authenticateRequest, hasRole, TokenVerifier } from '@itsm/platform/auth';
import type { Principal, Role } from '@itsm/platform/auth';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { CHANGE_REQUEST_REPORT_CALLERS } from '../application/change-request-access';
import { ChangeRequestReports } from '../application/change-request-reports';
import { IncidentReports } from '../application/incident-reports';
import { REPORT_READERS } from '../application/report-access';
import { SlaReports } from '../application/sla-reports';
import { CHANGE_DIMENSIONS, REPORTING_ERROR_KINDS, ReportingError, REQUEST_DIMENSIONS, TASK_DIMENSIONS } from '../domain';
import type { BacklogRow } from '../domain';
import { backlogQueryOf, EXPORT_PATH, periodQueryOf, reportQueryOf, slaComplianceQueryOf } from './report-export';

const REPORT_COLUMNS = ['period', 'periodStart', 'periodEnd', 'group', 'opened', 'acknowledged', 'resolved', 'canceled', 'reopened', 'firstTimeFix', 'handedOver', 'holdsEnded', 'meanHoldMs', 'mttaMs', 'mttrMs', 'reopenRate', 'firstTimeFixRate'] as const;
const BACKLOG_COLUMNS = ['group', 'open', 'oldestAgeMs', 'meanAgeMs'] as const;
const PERIOD_COLUMNS = ['period', 'periodStart', 'periodEnd', 'group'] as const;
const CHANGE_COLUMNS = [...PERIOD_COLUMNS, 'requested', 'emergency', 'emergencyShare', 'closed', 'successful', 'successfulWithIssues', 'failed', 'backedOut', 'successRate', 'canceled', 'causingIncidents', 'causedIncidents', 'unauthorisedDetected'] as const;
const REQUEST_COLUMNS = [...PERIOD_COLUMNS, 'submitted', 'fulfilled', 'meanFulfilmentMs', 'p90FulfilmentMs', 'unfulfilled', 'approvalsDecided', 'approvalsRejected', 'meanApprovalWaitMs'] as const;
const SLA_COMPLIANCE_COLUMNS = [...PERIOD_COLUMNS, 'met', 'breached', 'compliance', 'meanBusinessMs', 'meanElapsedMs'] as const;
const TASK_COLUMNS = [...PERIOD_COLUMNS, 'closed', 'completed', 'meanTaskMs', 'p90TaskMs', 'meanWorkMs'] as const;

type PeriodRow = { readonly periodStart: number; readonly periodEnd: number };
const csvRow = (row: PeriodRow): Record<string, unknown> => ({ ...row, periodStart: new Date(row.periodStart).toISOString(), periodEnd: new Date(row.periodEnd).toISOString() });

/** A report's rows chunk by chunk as CSV records, its first chunk read before any byte is sent (a refused or invalid query is answered with its code). */
async function chunkedRows(chunks: AsyncGenerator<readonly PeriodRow[]>): Promise<AsyncIterable<Record<string, unknown>>> {
  const first = await chunks.next();
  return (async function* () {
    if (first.done !== true) for (const row of first.value) yield csvRow(row);
    for await (const chunk of chunks) for (const row of chunk) yield csvRow(row);
  })();
}

/** The HTTP status and JSON body of a refused export. */
function refusal(error: unknown): { status: number; body: string } | undefined {
  const body = (code: string, message: string, details: unknown = {}) => JSON.stringify({ error: { code, message, details } });
  if (error instanceof AuthError) return error.code === AuthErrorCode.Unauthenticated ? { status: 401, body: body(error.code, error.message) } : { status: 403, body: body(error.code, error.message) };
  if (error instanceof ReportingError) {
    const kind = REPORTING_ERROR_KINDS[error.code];
    return { status: kind === 'forbidden' ? 403 : kind === 'not_found' ? 404 : 400, body: body(error.code, error.message, error.details) };
  }
  return undefined;
}

/**
 * CSV exports of the reports (RFC 4180, a header line, formulas escaped for spreadsheets), with the
 * caller's bearer token and the same scoping as GraphQL (a supplier agent: its own organisation's).
 * The body is streamed chunk by chunk of periods as the rollups are read; a refusal before the
 * first row is a JSON error with its code (401, 403, 400), a failure after it cuts the response.
 */
@Controller(EXPORT_PATH)
export class ReportExportController {
  constructor(
    private readonly reports: IncidentReports,
    private readonly changeRequestReports: ChangeRequestReports,
    private readonly slaReports: SlaReports,
    private readonly verifier: TokenVerifier,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  @Get('incident-report.csv')
  async incidentReport(@Req() request: IncomingMessage, @Query() params: Record<string, unknown>, @Res() response: ServerResponse): Promise<void> {
    await this.export(request, response, 'incident-report', REPORT_COLUMNS, (reader) => chunkedRows(this.reports.reportChunksFor(reader, reportQueryOf(params))));
  }

  @Get('change-report.csv')
  async changeReport(@Req() request: IncomingMessage, @Query() params: Record<string, unknown>, @Res() response: ServerResponse): Promise<void> {
    await this.export(request, response, 'change-report', CHANGE_COLUMNS, (reader) => chunkedRows(this.changeRequestReports.changeReportChunksFor(reader, periodQueryOf(params, CHANGE_DIMENSIONS))), CHANGE_REQUEST_REPORT_CALLERS);
  }

  @Get('request-report.csv')
  async requestReport(@Req() request: IncomingMessage, @Query() params: Record<string, unknown>, @Res() response: ServerResponse): Promise<void> {
    await this.export(request, response, 'request-report', REQUEST_COLUMNS, (reader) => chunkedRows(this.changeRequestReports.requestReportChunksFor(reader, periodQueryOf(params, REQUEST_DIMENSIONS))), CHANGE_REQUEST_REPORT_CALLERS);
  }

  @Get('task-report.csv')
  async taskReport(@Req() request: IncomingMessage, @Query() params: Record<string, unknown>, @Res() response: ServerResponse): Promise<void> {
    await this.export(request, response, 'task-report', TASK_COLUMNS, (reader) => chunkedRows(this.changeRequestReports.taskReportChunksFor(reader, periodQueryOf(params, TASK_DIMENSIONS))), CHANGE_REQUEST_REPORT_CALLERS);
  }

  @Get('incident-backlog.csv')
  async incidentBacklog(@Req() request: IncomingMessage, @Query() params: Record<string, unknown>, @Res() response: ServerResponse): Promise<void> {
    await this.export(request, response, 'incident-backlog', BACKLOG_COLUMNS, async (reader) => {
      const { groupBy, filter } = backlogQueryOf(params);
      const rows: BacklogRow[] = await this.reports.backlogFor(reader, groupBy, filter);
      return (async function* () {
        yield* rows.map((row) => ({ ...row }));
      })();
    });
  }

  @Get('sla-compliance.csv')
  async slaCompliance(@Req() request: IncomingMessage, @Query() params: Record<string, unknown>, @Res() response: ServerResponse): Promise<void> {
    await this.export(request, response, 'sla-compliance', SLA_COMPLIANCE_COLUMNS, async (reader) => {
      const rows = await this.slaReports.complianceFor(reader, slaComplianceQueryOf(params));
      return (async function* () {
        yield* rows.map(csvRow);
      })();
    });
  }

  private async export(
    request: IncomingMessage,
    response: ServerResponse,
    name: string,
    columns: readonly string[],
    rows: (reader: Principal) => Promise<AsyncIterable<Record<string, unknown>>>,
    callers: readonly Role[] = REPORT_READERS,
  ): Promise<void> {
    let source: AsyncIterable<Record<string, unknown>>;
    try {
      const reader = await authenticateRequest(request, request, this.verifier);
      if (!hasRole(reader, ...callers)) throw new AuthError(AuthErrorCode.Forbidden, 'the caller lacks a role that reads reports');
      source = await rows(reader);
    } catch (error: unknown) {
      const refused = refusal(error);
      if (refused === undefined) throw error;
      response.writeHead(refused.status, { 'content-type': 'application/json; charset=utf-8' }).end(refused.body);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"`, 'cache-control': 'no-store' });
    try {
      await pipeline(source, stringify({ header: true, columns: [...columns], escape_formulas: true }), response);
    } catch (error: unknown) {
      this.logger.error({ err: error, export: name }, 'reporting: an export failed after it started; the response was cut');
      response.destroy();
    }
  }
}
