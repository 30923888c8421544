import { Injectable } from '@nestjs/common';
import { DEFAULT_TOLERANCE_SECONDS } from '@itsm/platform/webhooks';
import { decideInbound, SupplierExchangeErrorCode, supplierExchangeError } from '../../../domain';
import type { InboundRefusal } from '../../../domain';
import { CorrelationStore } from '../../ports/supplier-exchange-stores.port';
import type { ReceiveSupplierMessageCommand } from './receive-supplier-message.command';

/** Why a verified message is not applied: the domain's refusals, or a message id this supplier used before. */
export type ReceivedRefusal = InboundRefusal | 'replayed';

export type ReceiveOutcome = { readonly kind: 'applied'; readonly updateId: string } | { readonly kind: 'refused'; readonly reason: ReceivedRefusal; readonly message: string };

/**
 * How long a record keeps the receipt of a message it applied: a message's timestamp may be up to the
 * tolerance in the future and is accepted until the tolerance after it, so a replay is refused by its
 * receipt for twice the tolerance and by the timestamp check after that; an hour's margin on top.
 */
export const RECEIPT_RETENTION_MS = (2 * DEFAULT_TOLERANCE_SECONDS + 3_600) * 1_000;

/** Writes lost to a concurrent change of the same record (another message, an incident event) before giving up. */
const MAX_ATTEMPTS = 16;

/**
 * Takes a supplier's verified message: `decideInbound` over every record of the ticket it names, and
 * an applied message is ONE update of the supplier's correlation record (`applyInbound`): the record
 * after it (the supplier's facts, the next sequence of its gapless update stream), the message's
 * receipt, and the update-received event in the record's own outbox. One (ticket, supplier) stream is
 * thus one document's outbox, published in sequence order, and a message id among the record's
 * receipts is a replay (refused, nothing applied). A write over a record changed since it was read
 * decides again from the record as it is now.
 */
@Injectable()
export class ReceiveSupplierMessageHandler {
  constructor(private readonly correlations: CorrelationStore) {}

  async execute(command: ReceiveSupplierMessageCommand): Promise<ReceiveOutcome> {
    const { supplierId, connection, message, receivedAt } = command;
    const ticketId = message.data.ticketId;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const stored = await this.correlations.forTicket(ticketId);
      const own = stored.find((s) => s.record.supplierId === supplierId);
      if (own !== undefined && own.receipts.some((r) => r.messageId === message.id)) {
        return { kind: 'refused', reason: 'replayed', message: `message ${message.id} was received before` };
      }
      const decision = decideInbound({ message, supplierId, connection, records: stored.map((s) => s.record), receivedAt });
      if (decision.kind === 'refuse') return { kind: 'refused', reason: decision.reason, message: decision.message };
      if (own === undefined) throw new Error(`decideInbound applied a message of ${supplierId} about ${ticketId} without its record`);
      const keepSince = new Date(receivedAt.getTime() - RECEIPT_RETENTION_MS);
      const written = await this.correlations.applyInbound(own, decision.record, decision.update, { messageId: message.id, receivedAt }, keepSince);
      if (written === 'applied') return { kind: 'applied', updateId: decision.update.id };
    }
    throw supplierExchangeError(SupplierExchangeErrorCode.Unavailable, `ticket ${ticketId} changed ${MAX_ATTEMPTS} times while message ${message.id} was applied; send it again`, { ticketId });
  }
}
