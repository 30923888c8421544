import type { EventEnvelope, SupplierUpdateReceived } from '@itsm/contracts';

/** A verified supplier update as the exchange published it (`itsm.supplier-exchange.update-received.v1`). */
export type SupplierUpdateEnvelope = EventEnvelope<'itsm.supplier-exchange.update-received.v1', SupplierUpdateReceived>;

/**
 * Apply one supplier's verified update to its incident as the supplier's agent: once per update
 * (its envelope id is stable per inbound message; its sequence orders the supplier's updates to the ticket).
 */
export class ApplySupplierUpdateCommand {
  constructor(readonly update: SupplierUpdateEnvelope) {}
}
