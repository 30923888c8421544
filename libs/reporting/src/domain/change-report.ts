import type { ChangeFact, UnauthorisedChangeFact } from './change-fact';
import { BucketRows, ratio } from './fact-buckets';
import type { IncidentChangeLink } from './incident-change-link';
import type { PeriodBucket } from './rollups';

/**
 * What a change report groups or filters by, each change's value now: model (standard, normal,
 * emergency), risk (its assessed level, '' before), service (one of its services: a change on two
 * counts under each), group (assignment group), supplier (the organisation of its assignment group).
 */
export const CHANGE_DIMENSIONS = ['model', 'risk', 'service', 'group', 'supplier'] as const;
export type ChangeDimension = (typeof CHANGE_DIMENSIONS)[number];

export interface ChangeReportFilter {
  readonly dimension: ChangeDimension;
  readonly value: string;
}

/** One row of a change report: a period (and group) and its figures. */
export interface ChangeReportRow {
  readonly period: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly group: string | null;
  /** Requested (raised) in the period. */
  readonly requested: number;
  /** Of those, emergency changes, and their share of the requested. */
  readonly emergency: number;
  readonly emergencyShare: number | null;
  /** Closed in the period (a change closes only from Review, after its implementation, with a close code). */
  readonly closed: number;
  /** Of those closed, by close code. */
  readonly successful: number;
  readonly successfulWithIssues: number;
  readonly failed: number;
  readonly backedOut: number;
  /** (successful + successfulWithIssues) / closed. */
  readonly successRate: number | null;
  readonly canceled: number;
  /** Of those closed in the period: the ones with an incident (not canceled) linked as caused by them, and those incidents. */
  readonly causingIncidents: number;
  readonly causedIncidents: number;
  /** Unauthorised changes detected in the period: only in a report neither grouped nor filtered (a record has no model, service or group), else null. */
  readonly unauthorisedDetected: number | null;
}

interface ChangeTotals {
  requested: number;
  emergency: number;
  closed: number;
  successful: number;
  successfulWithIssues: number;
  failed: number;
  backedOut: number;
  canceled: number;
  causingIncidents: number;
  causedIncidents: number;
  unauthorisedDetected: number;
}

const zero = (): ChangeTotals => ({ requested: 0, emergency: 0, closed: 0, successful: 0, successfulWithIssues: 0, failed: 0, backedOut: 0, canceled: 0, causingIncidents: 0, causedIncidents: 0, unauthorisedDetected: 0 });

/** A change's values of a dimension ('' for none; its services each). */
export function changeDimensionValues(fact: ChangeFact, dimension: ChangeDimension): readonly string[] {
  switch (dimension) {
    case 'model':
      return [fact.model];
    case 'risk':
      return [fact.riskLevel ?? ''];
    case 'service':
      return fact.serviceIds.length === 0 ? [''] : fact.serviceIds;
    case 'group':
      return [fact.groupId ?? ''];
    case 'supplier':
      return [fact.orgId ?? ''];
  }
}

export interface ChangeReportInput {
  readonly buckets: readonly PeriodBucket[];
  readonly groupBy: ChangeDimension | null;
  readonly filter: ChangeReportFilter | null;
  /** The changes with an instant in the range (others add nothing). */
  readonly changes: Iterable<ChangeFact>;
  /** Incidents linked to any of them (others are ignored). */
  readonly links: Iterable<IncidentChangeLink>;
  /** The unauthorised-change records with an instant in the range. */
  readonly unauthorised: Iterable<UnauthorisedChangeFact>;
}

/** The change report's rows: each measure counted in the period of its instant, per group value; only periods and groups with a figure. */
export function changeReportRows(input: ChangeReportInput): ChangeReportRow[] {
  const rows = new BucketRows(input.buckets, zero);
  const caused = new Map<string, number>();
  for (const link of input.links) if (!link.canceled) for (const id of new Set(link.changeIds)) caused.set(id, (caused.get(id) ?? 0) + 1);
  for (const fact of input.changes) {
    if (input.filter !== null && !changeDimensionValues(fact, input.filter.dimension).includes(input.filter.value)) continue;
    for (const group of input.groupBy === null ? [null] : changeDimensionValues(fact, input.groupBy)) {
      const requested = rows.at(fact.requestedAt, group);
      if (requested !== undefined) {
        requested.requested += 1;
        if (fact.model === 'emergency') requested.emergency += 1;
      }
      const closed = fact.closeCode === null ? undefined : rows.at(fact.closedAt, group);
      if (closed !== undefined) {
        closed.closed += 1;
        if (fact.closeCode === 'successful') closed.successful += 1;
        else if (fact.closeCode === 'successful_with_issues') closed.successfulWithIssues += 1;
        else if (fact.closeCode === 'failed') closed.failed += 1;
        else closed.backedOut += 1;
        const incidents = caused.get(fact.id) ?? 0;
        if (incidents > 0) closed.causingIncidents += 1;
        closed.causedIncidents += incidents;
      }
      const canceled = rows.at(fact.canceledAt, group);
      if (canceled !== undefined) canceled.canceled += 1;
    }
  }
  const whole = input.groupBy === null && input.filter === null;
  if (whole) for (const record of input.unauthorised) { const row = rows.at(record.detectedAt, null); if (row !== undefined) row.unauthorisedDetected += 1; }
  return rows.entries().map(({ period, group, acc: t }) => ({
    period: period.label,
    periodStart: period.start,
    periodEnd: period.end,
    group,
    requested: t.requested,
    emergency: t.emergency,
    emergencyShare: ratio(t.emergency, t.requested),
    closed: t.closed,
    successful: t.successful,
    successfulWithIssues: t.successfulWithIssues,
    failed: t.failed,
    backedOut: t.backedOut,
    successRate: ratio(t.successful + t.successfulWithIssues, t.closed),
    canceled: t.canceled,
    causingIncidents: t.causingIncidents,
    causedIncidents: t.causedIncidents,
    unauthorisedDetected: whole ? t.unauthorisedDetected : null,
  }));
}
