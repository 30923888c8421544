import type { Principal } from '@itsm/platform/auth';
import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { dayOf, partialDays, periodBuckets, reportingError, ReportingErrorCode, slaComplianceRows, slaStatus } from '../domain';
import type { PeriodSpec, SlaComplianceRow, SlaDimension, SlaFilter, SlaStatus } from '../domain';
import { assertScorecardReader, scopedSlaFilter } from './report-access';
import { SlaClockStore, SlaDayStore } from './sla-projection.ports';

export interface SlaComplianceQuery {
  readonly period: PeriodSpec;
  readonly groupBy: SlaDimension | null;
  readonly filter: SlaFilter;
}

/** The most clocks a status answer lists. */
export const MAX_STATUS_CLOCKS = 500;

/**
 * SLA/OLA/UC reports: compliance per period from the compliance days (a day inside one period read
 * by its totals, a day a period starts or ends inside by its quarter-hour slots), and the status now
 * from the live clocks; each scoped to its reader (a supplier agent: its organisation's clocks).
 */
@Injectable()
export class SlaReports {
  constructor(
    private readonly days: SlaDayStore,
    private readonly clocks: SlaClockStore,
    private readonly clock: Clock,
  ) {}

  /** Unscoped: for callers that scoped the query already (the scorecard, tests). */
  async compliance(query: SlaComplianceQuery): Promise<SlaComplianceRow[]> {
    const buckets = periodBuckets(query.period);
    const first = buckets[0];
    const last = buckets.at(-1);
    if (first === undefined || last === undefined) return [];
    const days = await this.days.find(dayOf(first.start), dayOf(last.end - 1), partialDays(buckets));
    return slaComplianceRows(days, buckets, query.groupBy, query.filter);
  }

  complianceFor(reader: Principal, query: SlaComplianceQuery): Promise<SlaComplianceRow[]> {
    return this.compliance({ ...query, filter: scopedSlaFilter(reader, query.filter) });
  }

  /** A supplier scorecard's UC compliance: the organisation's underpinning-contract clocks per period (staff, or the organisation's own agents). */
  ucComplianceFor(reader: Principal, orgId: string, period: PeriodSpec): Promise<SlaComplianceRow[]> {
    assertScorecardReader(reader, orgId);
    return this.compliance({ period, groupBy: null, filter: { kind: 'UC', supplierOrgId: orgId } });
  }

  /** The live clocks breached or at risk now (the injected clock), most urgent first, at most `limit` (1..MAX_STATUS_CLOCKS). */
  async statusFor(reader: Principal, filter: SlaFilter, limit: number): Promise<SlaStatus> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_STATUS_CLOCKS) throw reportingError(ReportingErrorCode.InvalidInput, `limit must be 1 to ${MAX_STATUS_CLOCKS}`, { field: 'limit' });
    const scoped = scopedSlaFilter(reader, filter);
    const now = this.clock.now().getTime();
    const standing = await this.clocks.standing(scoped.supplierOrgId ?? null, now);
    const matching = standing.filter(
      (f) =>
        (scoped.definitionId === undefined || f.definitionId === scoped.definitionId) &&
        (scoped.kind === undefined || f.kind === scoped.kind) &&
        (scoped.ticketType === undefined || f.ticketType === scoped.ticketType) &&
        (scoped.target === undefined || f.target === scoped.target),
    );
    return slaStatus(matching, now, limit);
  }
}
