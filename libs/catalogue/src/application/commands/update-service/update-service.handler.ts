import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { checkServiceDetails, updateService } from '../../../domain';
import type { PortfolioService } from '../../../domain';
import { assertManages } from '../../portfolio-access';
import { ServiceCommands } from '../../portfolio-command-runners';
import { ServiceReferences } from '../../service-references.service';
import type { UpdateServiceCommand } from './update-service.command';

@Injectable()
export class UpdateServiceHandler {
  constructor(
    private readonly commands: ServiceCommands,
    private readonly references: ServiceReferences,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateServiceCommand): Promise<PortfolioService> {
    const details = checkServiceDetails(command.input);
    await this.references.check(details);
    const outcome = await this.commands.run(command.serviceId, {
      authorise: (current) => assertManages(command.caller, current),
      decide: (current) => updateService(current, details, command.caller.userId, this.clock.now()),
    });
    return outcome.aggregate;
  }
}
