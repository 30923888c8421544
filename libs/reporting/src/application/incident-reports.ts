import { Injectable } from '@nestjs/common';
import { dayOf, incidentReportRows, periodBuckets, selectRollups, sumRollups } from '../domain';
import type { Dimension, IncidentReportRow, PeriodSpec } from '../domain';
import { IncidentRollupStore } from './incident-projection.ports';

export interface IncidentReportQuery {
  readonly period: PeriodSpec;
  readonly groupBy: Dimension | null;
  readonly filter: { readonly dimension: Dimension; readonly value: string } | null;
}

/** Incident reports from the day rollups: the periods in the asked zone, one family's rollups, summed. */
@Injectable()
export class IncidentReports {
  constructor(private readonly rollups: IncidentRollupStore) {}

  async report(query: IncidentReportQuery): Promise<IncidentReportRow[]> {
    const buckets = periodBuckets(query.period);
    const first = buckets[0];
    const last = buckets.at(-1);
    if (first === undefined || last === undefined) return [];
    const selection = selectRollups(query.groupBy, query.filter);
    const rollups = await this.rollups.find(selection.family, selection.a, selection.b, dayOf(first.start), dayOf(last.end - 1));
    return incidentReportRows(sumRollups(rollups, buckets, selection.groupField));
  }
}
