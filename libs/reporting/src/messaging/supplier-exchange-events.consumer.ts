import { supplierExchangeTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventBatchPattern, EventConsumer } from '@itsm/platform/messaging';
import { Payload } from '@nestjs/microservices';
import { SupplierRejections } from '../application/supplier-rejections';

/** Follows the supplier exchange's verified updates (validated by the bus, one partition's run of events per call) for suppliers' rejections; a failure is retried by the bus, then dead-lettered. */
@EventConsumer()
export class SupplierExchangeEventsConsumer {
  constructor(private readonly rejections: SupplierRejections) {}

  @EventBatchPattern(supplierExchangeTopic.name)
  onSupplierUpdates(@Payload() envelopes: readonly EventOf<typeof supplierExchangeTopic>[]): Promise<void> {
    return this.rejections.apply(envelopes);
  }
}
