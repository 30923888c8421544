import { bounceReason, parseDeliveryStatus } from './delivery-status';

const DELIVERY_ID = /^[0-9a-f]{24}$/;

/** What a bounce does: fail one delivery for `reason`, or nothing (`why`). */
export type BounceEffect = { readonly kind: 'fail'; readonly deliveryId: string; readonly reason: string } | { readonly kind: 'none'; readonly why: string };

/**
 * A bounce's effect on our deliveries: the delivery is the VERP address's (`bounce+<id>@`), else the
 * report's `Original-Envelope-Id` (our ENVID); a report whose recipients all were delayed or
 * relayed fails nothing; a VERP bounce without a report fails its delivery as such.
 */
export function bounceEffect(verpDeliveryId: string | null, reports: readonly string[]): BounceEffect {
  const parsed = reports.map(parseDeliveryStatus);
  const envelopeId = parsed.map((report) => report.envelopeId?.toLowerCase() ?? '').find((id) => DELIVERY_ID.test(id)) ?? null;
  const deliveryId = verpDeliveryId ?? envelopeId;
  if (deliveryId === null) return { kind: 'none', why: 'a bounce naming no delivery of ours' };
  if (parsed.length === 0) return { kind: 'fail', deliveryId, reason: 'bounced without a delivery status report' };
  const reason = parsed.map(bounceReason).find((found) => found !== null);
  return reason === undefined ? { kind: 'none', why: `no recipient failed (${parsed.flatMap((report) => report.recipients.map((r) => r.action)).join(', ') || 'no recipients'})` } : { kind: 'fail', deliveryId, reason };
}
