import type { EventOf, supplierExchangeTopic } from '@itsm/contracts';
import { bucketIndexOf } from './fact-buckets';
import { assignmentAt } from './incident-fact';
import type { IncidentFact } from './incident-fact';
import type { PeriodBucket } from './rollups';

/**
 * A supplier's rejection of an incident it was sent, as the supplier exchange verified it
 * (`itsm.supplier-exchange.update-received.v1`, action `reject`): the connection that rejected it and
 * when. `id` is the exchange event's id (one per inbound message: a resent message is one rejection).
 */
export interface SupplierRejection {
  readonly id: string;
  readonly ticketId: string;
  readonly supplierId: string;
  readonly at: number;
}

/** The rejection an exchange event records, or null (another action). */
export function rejectionOf(envelope: EventOf<typeof supplierExchangeTopic>): SupplierRejection | null {
  const update = envelope.data;
  if (update.action.kind !== 'reject' || update.ticketType !== 'incident') return null;
  return { id: envelope.id, ticketId: update.ticketId, supplierId: update.supplierId, at: Date.parse(update.at) };
}

/** An organisation's rejections in one period. */
export interface RejectionRow {
  readonly period: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly rejected: number;
}

/**
 * `orgId`'s rejections per period: each counted for the organisation that held the incident when it
 * was rejected (its assignment history in the incident facts: the events name a supplier connection,
 * not an organisation, and a supplier's word about who it is is not taken). A rejection whose incident
 * the facts do not know yet counts for nobody until they do.
 */
export function rejectionRows(rejections: readonly SupplierRejection[], facts: ReadonlyMap<string, IncidentFact>, orgId: string, buckets: readonly PeriodBucket[]): RejectionRow[] {
  const counts = buckets.map(() => 0);
  for (const rejection of rejections) {
    const fact = facts.get(rejection.ticketId);
    if (fact === undefined || assignmentAt(fact, rejection.at).orgId !== orgId) continue;
    const index = bucketIndexOf(buckets, rejection.at);
    if (index >= 0) counts[index] = (counts[index] ?? 0) + 1;
  }
  return buckets.map((bucket, i) => ({ period: bucket.label, periodStart: bucket.start, periodEnd: bucket.end, rejected: counts[i] ?? 0 }));
}
