import { supplierExchangeTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SupplierRejections } from '../application/supplier-rejections';

/** Follows the supplier exchange's verified updates (validated by the bus) for suppliers' rejections; a failure is retried by the bus, then dead-lettered. */
@EventConsumer()
export class SupplierExchangeEventsConsumer {
  constructor(private readonly rejections: SupplierRejections) {}

  @EventPattern(supplierExchangeTopic.name)
  onSupplierUpdate(@Payload() envelope: EventOf<typeof supplierExchangeTopic>): Promise<void> {
    return this.rejections.apply([envelope]);
  }
}
