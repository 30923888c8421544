import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { REPORT_READERS } from '../application/report-access';
import { SlaReports } from '../application/sla-reports';
import type { SlaComplianceRow, SlaDimension, SlaFilter } from '../domain';
import { reportingErrorFilter } from './reporting-error.filter';
import { datedRow, ReportPeriodInput } from './reporting.types';
import { SlaComplianceRowGql, SlaReportDimensionGql, SlaReportFilterInput, SlaStatusGql } from './sla-report.types';

export const toSlaRowGql = (row: SlaComplianceRow): SlaComplianceRowGql => datedRow(row);

/** The filter's given fields (a null is not given). */
export function slaFilterOf(input: SlaReportFilterInput | null | undefined): SlaFilter {
  const given = Object.entries(input ?? {}).filter(([, value]) => value !== null && value !== undefined);
  return Object.fromEntries(given) as SlaFilter;
}

/** SLA/OLA/UC compliance per period and the clocks breached or at risk now; a supplier agent reads its organisation's clocks only. */
@Resolver()
@UseFilters(reportingErrorFilter)
export class SlaReportResolver {
  constructor(private readonly reports: SlaReports) {}

  @Query(() => [SlaComplianceRowGql], { description: 'SLA/OLA/UC compliance per period (and group): stopped clocks met and breached, each counted once at its latest stop' })
  @Roles(...REPORT_READERS)
  async slaCompliance(
    @CurrentPrincipal() reader: Principal,
    @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput,
    @Args('groupBy', { type: () => SlaReportDimensionGql, nullable: true }) groupBy?: SlaDimension | null,
    @Args('filter', { type: () => SlaReportFilterInput, nullable: true }) filter?: SlaReportFilterInput | null,
  ): Promise<SlaComplianceRowGql[]> {
    const rows = await this.reports.complianceFor(reader, { period: { from: period.from, to: period.to, timeZone: period.timeZone, grain: period.grain }, groupBy: groupBy ?? null, filter: slaFilterOf(filter) });
    return rows.map(toSlaRowGql);
  }

  @Query(() => SlaStatusGql, { description: 'The running or paused clocks breached or at risk now, most urgent first (at most limit, 1-500), and counts per definition' })
  @Roles(...REPORT_READERS)
  async slaStatus(
    @CurrentPrincipal() reader: Principal,
    @Args('filter', { type: () => SlaReportFilterInput, nullable: true }) filter?: SlaReportFilterInput | null,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit = 50,
  ): Promise<SlaStatusGql> {
    const status = await this.reports.statusFor(reader, slaFilterOf(filter), limit);
    return {
      clocks: status.clocks.map(({ fact, breached, atRisk, timeToBreachMs }) => ({ ...fact, state: fact.state ?? 'running', dueAt: new Date(fact.dueAt), breached, atRisk, timeToBreachMs })),
      perDefinition: [...status.perDefinition],
    };
  }
}
