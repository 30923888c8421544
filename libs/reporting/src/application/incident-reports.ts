import type { Principal } from '@itsm/platform/auth';
import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { backlogRows, bucketChunks, dayOf, incidentReportRows, periodBuckets, selectRollups, slotDays, sumRollups } from '../domain';
import { assertScorecardReader, scopedFilter } from './report-access';
import type { BacklogRow, Dimension, IncidentReportRow, PeriodBucket, PeriodSpec, ReportFilter, RollupSelection } from '../domain';
import { IncidentFactStore, IncidentRollupStore } from './incident-projection.ports';

/** The most days of rollups an export reads at once. */
export const CHUNK_DAYS = 31;

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
    return this.rowsOf(periodBuckets(query.period), selectRollups(query.groupBy, query.filter));
  }

  reportFor(reader: Principal, query: IncidentReportQuery): Promise<IncidentReportRow[]> {
    return this.report({ ...query, filter: scopedFilter(reader, query.filter) });
  }

  /**
   * The report for `reader` a few periods at a time (at most CHUNK_DAYS of rollups read at once, a
   * period longer than that alone): what an export streams, holding one chunk's rows in memory.
   */
  async *reportChunksFor(reader: Principal, query: IncidentReportQuery): AsyncGenerator<IncidentReportRow[]> {
    const selection = selectRollups(query.groupBy, scopedFilter(reader, query.filter));
    for (const chunk of bucketChunks(periodBuckets(query.period), CHUNK_DAYS)) yield await this.rowsOf(chunk, selection);
  }

  private async rowsOf(buckets: readonly PeriodBucket[], selection: RollupSelection): Promise<IncidentReportRow[]> {
    const first = buckets[0];
    const last = buckets.at(-1);
    if (first === undefined || last === undefined) return [];
    const rollups = await this.rollups.find(selection.family, selection.a, selection.b, dayOf(first.start), dayOf(last.end - 1), slotDays(buckets));
    return incidentReportRows(sumRollups(rollups, buckets, selection.groupField));
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
