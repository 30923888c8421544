import type { Principal } from '@itsm/platform/auth';
import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { backlogRows, dayOf, incidentReportRows, periodBuckets, selectRollups, sumRollups } from '../domain';
import { assertScorecardReader, scopedFilter } from './report-access';
import type { BacklogRow, Dimension, IncidentReportRow, PeriodSpec, ReportFilter } from '../domain';
import { IncidentFactStore, IncidentRollupStore } from './incident-projection.ports';

export interface IncidentReportQuery {
  readonly period: PeriodSpec;
  readonly groupBy: Dimension | null;
  readonly filter: ReportFilter | null;
}

/** A supplier organisation's scorecard: its figures per period (as the holding organisation) and its backlog now. */
export interface SupplierScorecard {
  readonly orgId: string;
  readonly periods: readonly IncidentReportRow[];
  readonly backlog: BacklogRow | null;
}

/**
 * Incident reports from the day rollups (the periods in the asked zone, one family's rollups,
 * summed), the backlog from the open facts, and supplier scorecards; each scoped to its reader
 * (a supplier agent: its own organisation's figures only).
 */
@Injectable()
export class IncidentReports {
  constructor(
    private readonly rollups: IncidentRollupStore,
    private readonly facts: IncidentFactStore,
    private readonly clock: Clock,
  ) {}

  /** Unscoped: for callers that scoped the query already (the scorecard, tests, benchmarks). */
  async report(query: IncidentReportQuery): Promise<IncidentReportRow[]> {
    const buckets = periodBuckets(query.period);
    const first = buckets[0];
    const last = buckets.at(-1);
    if (first === undefined || last === undefined) return [];
    const selection = selectRollups(query.groupBy, query.filter);
    const rollups = await this.rollups.find(selection.family, selection.a, selection.b, dayOf(first.start), dayOf(last.end - 1));
    return incidentReportRows(sumRollups(rollups, buckets, selection.groupField));
  }

  reportFor(reader: Principal, query: IncidentReportQuery): Promise<IncidentReportRow[]> {
    return this.report({ ...query, filter: scopedFilter(reader, query.filter) });
  }

  async backlogFor(reader: Principal, groupBy: Dimension | null, asked: ReportFilter | null): Promise<BacklogRow[]> {
    const filter = scopedFilter(reader, asked);
    const open = await this.facts.open(filter?.dimension === 'supplier' ? filter.value : null);
    return backlogRows(open, this.clock.now().getTime(), groupBy, filter);
  }

  async scorecardFor(reader: Principal, orgId: string, period: PeriodSpec): Promise<SupplierScorecard> {
    assertScorecardReader(reader, orgId);
    const periods = await this.report({ period, groupBy: null, filter: { dimension: 'supplier', value: orgId } });
    const [backlog] = backlogRows(await this.facts.open(orgId), this.clock.now().getTime(), null, null);
    return { orgId, periods, backlog: backlog ?? null };
  }
}
