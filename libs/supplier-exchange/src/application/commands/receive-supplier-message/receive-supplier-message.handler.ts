import { Injectable } from '@nestjs/common';
import { decideInbound } from '../../../domain';
import type { InboundRefusal } from '../../../domain';
import { CorrelationStore, SupplierMessageReceiptStore } from '../../ports/supplier-exchange-stores.port';
import type { ReceiveSupplierMessageCommand } from './receive-supplier-message.command';

/** Why a verified message is not applied: the domain's refusals, or a message id this supplier used before. */
export type ReceivedRefusal = InboundRefusal | 'replayed';

export type ReceiveOutcome = { readonly kind: 'applied'; readonly updateId: string } | { readonly kind: 'refused'; readonly reason: ReceivedRefusal; readonly message: string };

/**
 * Takes a supplier's verified message: a message id the supplier used before is a replay (refused,
 * nothing applied); otherwise `decideInbound` over every record of the ticket it names (with the
 * next sequence of the supplier's update stream for the ticket, allocated atomically), and an
 * applied message is ONE insert of its receipt with the update-received event in its outbox. The
 * correlation record takes the supplier's facts when the exchange reads that event back
 * (`record-supplier-update`), not here.
 */
@Injectable()
export class ReceiveSupplierMessageHandler {
  constructor(
    private readonly correlations: CorrelationStore,
    private readonly receipts: SupplierMessageReceiptStore,
  ) {}

  async execute(command: ReceiveSupplierMessageCommand): Promise<ReceiveOutcome> {
    const { supplierId, connection, message, receivedAt } = command;
    const replayed = (): ReceiveOutcome => ({ kind: 'refused', reason: 'replayed', message: `message ${message.id} was received before` });
    if (await this.receipts.seen(supplierId, message.id)) return replayed();
    const ticketId = message.data.ticketId;
    const records = (await this.correlations.forTicket(ticketId)).map((stored) => stored.record);
    const own = records.find((record) => record.supplierId === supplierId && !record.ended);
    // Before deciding: a refused message only leaves a gap in the stream, which its consumers allow.
    const sequence = own === undefined ? undefined : await this.correlations.allocateInboundSequence(ticketId, supplierId);
    const decision = decideInbound({ message, supplierId, connection, records, receivedAt, ...(sequence === undefined ? {} : { sequence }) });
    if (decision.kind === 'refuse') return { kind: 'refused', reason: decision.reason, message: decision.message };
    const taken = await this.receipts.take({ supplierId, messageId: message.id, receivedAt }, decision.update);
    return taken === 'duplicate' ? replayed() : { kind: 'applied', updateId: decision.update.id };
  }
}
