import { Injectable } from '@nestjs/common';
import { recordAfterUpdate, SupplierExchangeErrorCode, supplierExchangeError } from '../../../domain';
import { CorrelationStore } from '../../ports/supplier-exchange-stores.port';
import type { RecordSupplierUpdateCommand } from './record-supplier-update.command';

/**
 * Puts the supplier's facts of an update-received event (its ticket id, its expected resolution
 * date) and the event's sequence on the correlation record. Idempotent: a record that took this
 * sequence already is left as it is; a lost write race is retried by the bus.
 */
@Injectable()
export class RecordSupplierUpdateHandler {
  constructor(private readonly correlations: CorrelationStore) {}

  async execute(command: RecordSupplierUpdateCommand): Promise<'recorded' | 'unchanged'> {
    const { ticketId, supplierId } = command.update.data;
    const stored = (await this.correlations.forTicket(ticketId)).find((s) => s.record.supplierId === supplierId);
    if (stored === undefined) {
      throw supplierExchangeError(SupplierExchangeErrorCode.UnknownTicket, `no correlation of ticket ${ticketId} with supplier ${supplierId}`, { ticketId, supplierId });
    }
    const after = recordAfterUpdate(stored.record, command.update);
    if (after === stored.record) return 'unchanged';
    // No events: the channel does not matter.
    await this.correlations.save(stored, after, [], 'kafka');
    return 'recorded';
  }
}
