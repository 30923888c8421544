import { changeTopic } from '@itsm/contracts';
import { consumeWithCodedErrors, EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ProjectChangeOutcomeCommand } from '../application/commands/project-change-outcome/project-change-outcome.command';
import { ProjectChangeOutcomeHandler } from '../application/commands/project-change-outcome/project-change-outcome.handler';
import type { ChangeStreamEvent } from '../application/projections/closed-change';
import { CHANGE_ERROR_KINDS } from '../domain';

/** Follows the change context's own stream: each closing is recorded once for the success score. */
@EventConsumer()
export class ChangeOutcomesConsumer {
  constructor(private readonly project: ProjectChangeOutcomeHandler) {}

  @EventPattern(changeTopic.name)
  onChangeEvent(@Payload() envelope: ChangeStreamEvent): Promise<void> {
    return consumeWithCodedErrors(CHANGE_ERROR_KINDS, () => this.project.execute(new ProjectChangeOutcomeCommand(envelope)));
  }
}
