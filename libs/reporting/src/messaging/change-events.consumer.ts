import { changeTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventBatchPattern, EventConsumer } from '@itsm/platform/messaging';
import { Payload } from '@nestjs/microservices';
import { ChangeRequestProjector } from '../application/change-request-projector';

/** Follows the change stream (validated by the bus, one partition's run of events per call) into the change and unauthorised-change facts: each event once per subject's sequence. */
@EventConsumer()
export class ChangeEventsConsumer {
  constructor(private readonly projector: ChangeRequestProjector) {}

  @EventBatchPattern(changeTopic.name)
  onChangeEvents(@Payload() envelopes: readonly EventOf<typeof changeTopic>[]): Promise<void> {
    return this.projector.applyChanges(envelopes);
  }
}
