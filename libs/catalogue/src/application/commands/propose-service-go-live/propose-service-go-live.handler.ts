import { planApproval } from '@itsm/approval';
import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { approvalRefusal, requestGoLive } from '../../../domain';
import type { PortfolioService } from '../../../domain';
import { GoLiveApprovers } from '../../go-live-approvers.service';
import { assertManages } from '../../portfolio-access';
import { ServiceCommands } from '../../portfolio-command-runners';
import { GoLivePolicyStore } from '../../ports/portfolio-stores.port';
import type { ProposeServiceGoLiveCommand } from './propose-service-go-live.command';

/**
 * Plans the go-live over every steering policy that applies ("run all"; facts: the service's kind,
 * owner and offering count), resolves each level's approvers, and starts the approval; no policy
 * or level applying takes the service live at once.
 */
@Injectable()
export class ProposeServiceGoLiveHandler {
  constructor(
    private readonly commands: ServiceCommands,
    private readonly policies: GoLivePolicyStore,
    private readonly approvers: GoLiveApprovers,
    private readonly clock: Clock,
  ) {}

  async execute(command: ProposeServiceGoLiveCommand): Promise<PortfolioService> {
    const policies = await this.policies.all();
    try {
      const outcome = await this.commands.run(command.serviceId, {
        authorise: (current) => assertManages(command.caller, current),
        decide: async (current) => {
          const plan = planApproval(policies, { kind: current.kind, ownerId: current.ownerId, offerings: current.offerings.length }, 'run_all');
          return requestGoLive(current, plan, await this.approvers.resolve(plan), command.caller.userId, this.clock.now());
        },
      });
      return outcome.aggregate;
    } catch (error) {
      // A steering level whose approvers resolve to nobody could never pass: refused, nothing written.
      throw approvalRefusal(error, { serviceId: command.serviceId });
    }
  }
}
