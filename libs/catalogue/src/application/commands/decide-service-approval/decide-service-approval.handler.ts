import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, approvalRefusal, catalogueError, decideGoLive } from '../../../domain';
import type { PortfolioService } from '../../../domain';
import { ServiceCommands } from '../../portfolio-command-runners';
import type { DecideServiceApprovalCommand } from './decide-service-approval.command';

/** Records the decision (the engine checks the caller holds a seat); the last approval takes the service live. */
@Injectable()
export class DecideServiceApprovalHandler {
  constructor(
    private readonly commands: ServiceCommands,
    private readonly clock: Clock,
  ) {}

  async execute(command: DecideServiceApprovalCommand): Promise<PortfolioService> {
    const comment = command.comment?.trim() ?? '';
    if (comment.length > 2_000) throw catalogueError(CatalogueErrorCode.InvalidInput, 'comment is longer than 2000 characters', { field: 'comment' });
    try {
      const outcome = await this.commands.run(command.serviceId, {
        decide: (current) =>
          decideGoLive(current, { actorId: command.caller.userId, onBehalfOf: null, decision: command.decision, comment: comment === '' ? null : comment, level: null }, this.clock.now()),
      });
      return outcome.aggregate;
    } catch (error) {
      throw approvalRefusal(error, { serviceId: command.serviceId });
    }
  }
}
