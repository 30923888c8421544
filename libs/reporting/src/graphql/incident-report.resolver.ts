import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { IncidentReports } from '../application/incident-reports';
import type { SupplierScorecard } from '../application/incident-reports';
import { REPORT_READERS } from '../application/report-access';
import { SlaReports } from '../application/sla-reports';
import { SupplierRejections } from '../application/supplier-rejections';
import type { BacklogRow, Dimension, IncidentReportRow, RejectionRow, SlaComplianceRow } from '../domain';
import { reportingErrorFilter } from './reporting-error.filter';
import { toSlaRowGql } from './sla-report.resolver';
import { IncidentBacklogRowGql, IncidentReportRowGql, ReportDimensionGql, ReportFilterInput, ReportPeriodInput, SupplierScorecardGql, datedRow, toPeriodSpec, toReportFilter } from './reporting.types';

export const toReportRowGql = (row: IncidentReportRow): IncidentReportRowGql => datedRow(row);
const toScorecardGql = (card: SupplierScorecard, uc: readonly SlaComplianceRow[], rejections: readonly RejectionRow[]): SupplierScorecardGql => ({
  orgId: card.orgId,
  periods: card.periods.map(toReportRowGql),
  backlog: card.backlog,
  ucCompliance: uc.map(toSlaRowGql),
  rejections: rejections.map(datedRow),
});

/** Incident reports, the backlog and supplier scorecards from the reporting projection; a supplier agent reads its own organisation's only. */
@Resolver()
@UseFilters(reportingErrorFilter)
export class IncidentReportResolver {
  constructor(
    private readonly reports: IncidentReports,
    private readonly slaReports: SlaReports,
    private readonly rejections: SupplierRejections,
  ) {}

  @Query(() => [IncidentReportRowGql], { description: 'Incident figures per period (and group): volume, MTTA, MTTR, reopen and first-time-fix rates, handovers' })
  @Roles(...REPORT_READERS)
  async incidentReport(
    @CurrentPrincipal() reader: Principal,
    @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput,
    @Args('groupBy', { type: () => ReportDimensionGql, nullable: true }) groupBy?: Dimension | null,
    @Args('filter', { type: () => ReportFilterInput, nullable: true }) filter?: ReportFilterInput | null,
  ): Promise<IncidentReportRowGql[]> {
    return (await this.reports.reportFor(reader, { period: toPeriodSpec(period), groupBy: groupBy ?? null, filter: toReportFilter(filter) })).map(toReportRowGql);
  }

  @Query(() => [IncidentBacklogRowGql], { description: 'The open incidents now (and their age), per group' })
  @Roles(...REPORT_READERS)
  incidentBacklog(
    @CurrentPrincipal() reader: Principal,
    @Args('groupBy', { type: () => ReportDimensionGql, nullable: true }) groupBy?: Dimension | null,
    @Args('filter', { type: () => ReportFilterInput, nullable: true }) filter?: ReportFilterInput | null,
  ): Promise<BacklogRow[]> {
    return this.reports.backlogFor(reader, groupBy ?? null, toReportFilter(filter));
  }

  @Query(() => SupplierScorecardGql, { description: "An organisation's scorecard on the incidents it held (a supplier agent: its own only)" })
  @Roles(...REPORT_READERS)
  async supplierScorecard(
    @CurrentPrincipal() reader: Principal,
    @Args('orgId', { type: () => ID }) orgId: string,
    @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput,
  ): Promise<SupplierScorecardGql> {
    const spec = toPeriodSpec(period);
    // One after another: the first refuses a reader who may not see the organisation before any other read.
    const card = await this.reports.scorecardFor(reader, orgId, spec);
    return toScorecardGql(card, await this.slaReports.ucComplianceFor(reader, orgId, spec), await this.rejections.rowsFor(reader, orgId, spec));
  }
}
