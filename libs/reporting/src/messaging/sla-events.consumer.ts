import { slaTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventBatchPattern, EventConsumer } from '@itsm/platform/messaging';
import { Payload } from '@nestjs/microservices';
import { SlaClockProjector } from '../application/sla-clock-projector';

/**
 * Follows the SLA stream (validated by the bus, one partition's run of events per call) into the clock facts: every event once (its
 * source's per-ticket sequence), in each ticket's order; a failure is retried by the bus, then dead-lettered.
 */
@EventConsumer()
export class SlaEventsConsumer {
  constructor(private readonly projector: SlaClockProjector) {}

  @EventBatchPattern(slaTopic.name)
  onSlaEvents(@Payload() envelopes: readonly EventOf<typeof slaTopic>[]): Promise<void> {
    return this.projector.apply(envelopes);
  }
}
