import { supplierExchangeTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { consumeWithCodedErrors, EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RecordSupplierUpdateCommand } from '../application/commands/record-supplier-update/record-supplier-update.command';
import { RecordSupplierUpdateHandler } from '../application/commands/record-supplier-update/record-supplier-update.handler';
import { SUPPLIER_EXCHANGE_ERROR_KINDS } from '../domain';

/**
 * The exchange reads its own `itsm.supplier-exchange.v1` back: each update-received event puts the
 * supplier's facts on its correlation record (`record-supplier-update`), once per event sequence.
 */
@EventConsumer()
export class SupplierUpdatesConsumer {
  constructor(private readonly record: RecordSupplierUpdateHandler) {}

  @EventPattern(supplierExchangeTopic.name)
  onUpdate(@Payload() envelope: EventOf<typeof supplierExchangeTopic>): Promise<void> {
    return consumeWithCodedErrors(SUPPLIER_EXCHANGE_ERROR_KINDS, () => this.record.execute(new RecordSupplierUpdateCommand(envelope)));
  }
}
