import { changeTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { consumeWithCodedErrors, EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AssessChangeRiskOnEntryCommand } from '../application/commands/assess-change-risk-on-entry/assess-change-risk-on-entry.command';
import { AssessChangeRiskOnEntryHandler } from '../application/commands/assess-change-risk-on-entry/assess-change-risk-on-entry.handler';
import { CHANGE_ERROR_KINDS } from '../domain/change.errors';

/**
 * The change context reacting to its own events (owned topics are read without listing them), so
 * each reaction is at-least-once, ordered per change and applied once: entering Assess (or an
 * emergency's Authorize) assesses the change's risk.
 */
@EventConsumer()
export class ChangeReactionsConsumer {
  constructor(private readonly assessOnEntry: AssessChangeRiskOnEntryHandler) {}

  @EventPattern(changeTopic.name)
  async onChangeEvent(@Payload() envelope: EventOf<typeof changeTopic>): Promise<void> {
    await consumeWithCodedErrors(CHANGE_ERROR_KINDS, () => this.assessOnEntry.execute(new AssessChangeRiskOnEntryCommand(envelope)));
  }
}
