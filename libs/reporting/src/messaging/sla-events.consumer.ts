import { slaTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SlaClockProjector } from '../application/sla-clock-projector';

/**
 * Follows the SLA stream (validated by the bus) into the clock facts: every event once (its
 * source's per-ticket sequence), in each ticket's order; a failure is retried by the bus, then dead-lettered.
 */
@EventConsumer()
export class SlaEventsConsumer {
  constructor(private readonly projector: SlaClockProjector) {}

  @EventPattern(slaTopic.name)
  onSlaEvent(@Payload() envelope: EventOf<typeof slaTopic>): Promise<void> {
    return this.projector.apply([envelope]);
  }
}
