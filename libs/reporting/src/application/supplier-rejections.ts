import type { Principal } from '@itsm/platform/auth';
import { Injectable } from '@nestjs/common';
import { periodBuckets, rejectionOf, rejectionRows } from '../domain';
import type { PeriodSpec, RejectionRow } from '../domain';
import type { EventOf, supplierExchangeTopic } from '@itsm/contracts';
import { IncidentFactStore } from './incident-projection.ports';
import { assertScorecardReader } from './report-access';
import { SupplierRejectionStore } from './supplier-rejection-store.port';

/** Suppliers' rejections: recorded from the exchange's verified updates, counted per period for a scorecard. */
@Injectable()
export class SupplierRejections {
  constructor(
    private readonly rejections: SupplierRejectionStore,
    private readonly facts: IncidentFactStore,
  ) {}

  /** Records the rejections among the exchange's events (others: nothing). */
  async apply(envelopes: readonly EventOf<typeof supplierExchangeTopic>[]): Promise<void> {
    await this.rejections.record(envelopes.map(rejectionOf).filter((r) => r !== null));
  }

  /** `orgId`'s rejections per period (a supplier agent: its own organisation's only). */
  async rowsFor(reader: Principal, orgId: string, period: PeriodSpec): Promise<RejectionRow[]> {
    assertScorecardReader(reader, orgId);
    const buckets = periodBuckets(period);
    const first = buckets[0];
    const last = buckets.at(-1);
    if (first === undefined || last === undefined) return [];
    const rejections = await this.rejections.between(first.start, last.end);
    const facts = await this.facts.load([...new Set(rejections.map((r) => r.ticketId))]);
    return rejectionRows(rejections, new Map([...facts].map(([id, stored]) => [id, stored.fact])), orgId, buckets);
  }
}
