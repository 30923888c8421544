import { requestTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ChangeRequestProjector } from '../application/change-request-projector';

/** Follows the request stream (validated by the bus) into the request facts (items and tasks inside): each event once per request's sequence. */
@EventConsumer()
export class RequestEventsConsumer {
  constructor(private readonly projector: ChangeRequestProjector) {}

  @EventPattern(requestTopic.name)
  onRequestEvent(@Payload() envelope: EventOf<typeof requestTopic>): Promise<void> {
    return this.projector.applyRequests([envelope]);
  }
}
