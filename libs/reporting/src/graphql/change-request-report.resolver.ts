import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { CHANGE_REQUEST_REPORT_CALLERS } from '../application/change-request-access';
import { ChangeRequestReports } from '../application/change-request-reports';
import type { ChangeDimension, RequestDimension, TaskDimension } from '../domain';
import { ChangeReportDimensionGql, ChangeReportFilterInput, ChangeReportRowGql, RequestReportDimensionGql, RequestReportFilterInput, RequestReportRowGql, TaskReportDimensionGql, TaskReportFilterInput, TaskReportRowGql } from './change-request-report.types';
import { reportingErrorFilter } from './reporting-error.filter';
import { datedRow, ReportPeriodInput, toPeriodSpec, toReportFilter } from './reporting.types';


/** Change, request and task reports from the reporting projection; who reads which mirrors the change and catalogue contexts (REPORTING.FORBIDDEN otherwise). */
@Resolver()
@UseFilters(reportingErrorFilter)
export class ChangeRequestReportResolver {
  constructor(private readonly reports: ChangeRequestReports) {}

  @Query(() => [ChangeReportRowGql], { description: 'Change figures per period (and group): volume, outcomes and success rate, emergency share, caused incidents, unauthorised changes' })
  @Roles(...CHANGE_REQUEST_REPORT_CALLERS)
  async changeReport(
    @CurrentPrincipal() reader: Principal,
    @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput,
    @Args('groupBy', { type: () => ChangeReportDimensionGql, nullable: true }) groupBy?: ChangeDimension | null,
    @Args('filter', { type: () => ChangeReportFilterInput, nullable: true }) filter?: ChangeReportFilterInput | null,
  ): Promise<ChangeReportRowGql[]> {
    return (await this.reports.changeReportFor(reader, { period: toPeriodSpec(period), groupBy: groupBy ?? null, filter: toReportFilter(filter) })).map(datedRow);
  }

  @Query(() => [RequestReportRowGql], { description: 'Requested-item figures per period (and group, e.g. catalogue item): fulfilment time, approval wait' })
  @Roles(...CHANGE_REQUEST_REPORT_CALLERS)
  async requestReport(
    @CurrentPrincipal() reader: Principal,
    @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput,
    @Args('groupBy', { type: () => RequestReportDimensionGql, nullable: true }) groupBy?: RequestDimension | null,
    @Args('filter', { type: () => RequestReportFilterInput, nullable: true }) filter?: RequestReportFilterInput | null,
  ): Promise<RequestReportRowGql[]> {
    return (await this.reports.requestReportFor(reader, { period: toPeriodSpec(period), groupBy: groupBy ?? null, filter: toReportFilter(filter) })).map(datedRow);
  }

  @Query(() => [TaskReportRowGql], { description: 'Fulfilment-task figures per period (and group, e.g. fulfilment group): task and work time' })
  @Roles(...CHANGE_REQUEST_REPORT_CALLERS)
  async taskReport(
    @CurrentPrincipal() reader: Principal,
    @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput,
    @Args('groupBy', { type: () => TaskReportDimensionGql, nullable: true }) groupBy?: TaskDimension | null,
    @Args('filter', { type: () => TaskReportFilterInput, nullable: true }) filter?: TaskReportFilterInput | null,
  ): Promise<TaskReportRowGql[]> {
    return (await this.reports.taskReportFor(reader, { period: toPeriodSpec(period), groupBy: groupBy ?? null, filter: toReportFilter(filter) })).map(datedRow);
  }
}
