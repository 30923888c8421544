import { changeTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ChangeRequestProjector } from '../application/change-request-projector';

/** Follows the change stream (validated by the bus) into the change and unauthorised-change facts: each event once per subject's sequence. */
@EventConsumer()
export class ChangeEventsConsumer {
  constructor(private readonly projector: ChangeRequestProjector) {}

  @EventPattern(changeTopic.name)
  onChangeEvent(@Payload() envelope: EventOf<typeof changeTopic>): Promise<void> {
    return this.projector.applyChanges([envelope]);
  }
}
