import { requestTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventBatchPattern, EventConsumer } from '@itsm/platform/messaging';
import { Payload } from '@nestjs/microservices';
import { ChangeRequestProjector } from '../application/change-request-projector';

/** Follows the request stream (validated by the bus, one partition's run of events per call) into the request facts (items and tasks inside): each event once per request's sequence. */
@EventConsumer()
export class RequestEventsConsumer {
  constructor(private readonly projector: ChangeRequestProjector) {}

  @EventBatchPattern(requestTopic.name)
  onRequestEvents(@Payload() envelopes: readonly EventOf<typeof requestTopic>[]): Promise<void> {
    return this.projector.applyRequests(envelopes);
  }
}
