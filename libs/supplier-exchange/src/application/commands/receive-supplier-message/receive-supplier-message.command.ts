import type { SupplierConnection, SupplierInboundEvent } from '../../../domain';

/** A supplier's message whose signature (by `connection`'s keys) and payload the messaging layer verified. */
export class ReceiveSupplierMessageCommand {
  constructor(
    /** From the inbound topic's name, never from the message. */
    readonly supplierId: string,
    readonly connection: SupplierConnection,
    readonly message: SupplierInboundEvent,
    readonly receivedAt: Date,
  ) {}
}
