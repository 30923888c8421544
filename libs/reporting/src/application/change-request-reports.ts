import type { Principal } from '@itsm/platform/auth';
import { Injectable } from '@nestjs/common';
import { bucketChunks, changeReportRows, dayOf, periodBuckets, requestReportRows, taskReportRows } from '../domain';
import type { ChangeDimension, ChangeReportRow, DimensionFilter, PeriodBucket, PeriodSpec, RequestDimension, RequestReportRow, TaskDimension, TaskReportRow } from '../domain';
import { assertRequestReportReader, changeReportFilter, taskReportFilter } from './change-request-access';
import { ChangeFactStore, IncidentChangeLinkStore, RequestFactStore, UnauthorisedChangeStore } from './change-request-projection.ports';
import { CHUNK_DAYS } from './incident-reports';

export interface FactReportQuery<D extends string> {
  readonly period: PeriodSpec;
  readonly groupBy: D | null;
  readonly filter: DimensionFilter<D> | null;
}

/** The UTC days [first, last] a run of periods covers. */
const daysOf = (buckets: readonly PeriodBucket[]): [number, number] | null => {
  const first = buckets[0];
  const last = buckets.at(-1);
  return first === undefined || last === undefined ? null : [dayOf(first.start), dayOf(last.end - 1)];
};

/**
 * Change, request and task reports, computed from the facts with an instant in the range (read
 * through their `days` index, at most CHUNK_DAYS at a time for an export), each scoped to its
 * reader as the change and request contexts scope their records.
 */
/** A report's rows read chunk by chunk (the facts of at most CHUNK_DAYS at once in memory, a longer period alone). */
async function collected<R>(chunks: AsyncGenerator<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for await (const chunk of chunks) rows.push(...chunk);
  return rows;
}

@Injectable()
export class ChangeRequestReports {
  constructor(
    private readonly changes: ChangeFactStore,
    private readonly unauthorised: UnauthorisedChangeStore,
    private readonly links: IncidentChangeLinkStore,
    private readonly requests: RequestFactStore,
  ) {}

  /** Unscoped (tests, benchmarks). */
  async changeReport(query: FactReportQuery<ChangeDimension>, buckets: readonly PeriodBucket[] = periodBuckets(query.period)): Promise<ChangeReportRow[]> {
    const days = daysOf(buckets);
    if (days === null) return [];
    const [changes, unauthorised] = await Promise.all([this.changes.inDays(...days), this.unauthorised.inDays(...days)]);
    const links = await this.links.ofChanges(changes.filter((c) => c.closedAt !== null).map((c) => c.id));
    return changeReportRows({ buckets, groupBy: query.groupBy, filter: query.filter, changes, links, unauthorised });
  }

  changeReportFor(reader: Principal, query: FactReportQuery<ChangeDimension>): Promise<ChangeReportRow[]> {
    return collected(this.changeReportChunksFor(reader, query));
  }

  async *changeReportChunksFor(reader: Principal, query: FactReportQuery<ChangeDimension>): AsyncGenerator<ChangeReportRow[]> {
    const scoped = { ...query, filter: changeReportFilter(reader, query.filter) };
    for (const chunk of bucketChunks(periodBuckets(query.period), CHUNK_DAYS)) yield await this.changeReport(scoped, chunk);
  }

  async requestReport(query: FactReportQuery<RequestDimension>, buckets: readonly PeriodBucket[] = periodBuckets(query.period)): Promise<RequestReportRow[]> {
    const days = daysOf(buckets);
    return days === null ? [] : requestReportRows({ ...query, buckets, requests: await this.requests.inDays(...days) });
  }

  requestReportFor(reader: Principal, query: FactReportQuery<RequestDimension>): Promise<RequestReportRow[]> {
    return collected(this.requestReportChunksFor(reader, query));
  }

  async *requestReportChunksFor(reader: Principal, query: FactReportQuery<RequestDimension>): AsyncGenerator<RequestReportRow[]> {
    assertRequestReportReader(reader);
    for (const chunk of bucketChunks(periodBuckets(query.period), CHUNK_DAYS)) yield await this.requestReport(query, chunk);
  }

  async taskReport(query: FactReportQuery<TaskDimension>, buckets: readonly PeriodBucket[] = periodBuckets(query.period)): Promise<TaskReportRow[]> {
    const days = daysOf(buckets);
    return days === null ? [] : taskReportRows({ ...query, buckets, requests: await this.requests.inDays(...days) });
  }

  taskReportFor(reader: Principal, query: FactReportQuery<TaskDimension>): Promise<TaskReportRow[]> {
    return collected(this.taskReportChunksFor(reader, query));
  }

  async *taskReportChunksFor(reader: Principal, query: FactReportQuery<TaskDimension>): AsyncGenerator<TaskReportRow[]> {
    const scoped = { ...query, filter: taskReportFilter(reader, query.filter) };
    for (const chunk of bucketChunks(periodBuckets(query.period), CHUNK_DAYS)) yield await this.taskReport(scoped, chunk);
  }
}
