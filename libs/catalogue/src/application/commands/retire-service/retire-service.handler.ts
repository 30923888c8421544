import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { retireItem, retireService } from '../../../domain';
import type { PortfolioService } from '../../../domain';
import { assertManages } from '../../portfolio-access';
import { CatalogueItemCommands, ServiceCommands } from '../../portfolio-command-runners';
import { CatalogueItemStore } from '../../ports/portfolio-stores.port';
import type { RetireServiceCommand } from './retire-service.command';

/**
 * Retires the service (its event first), then each of its published items (one write each, with its
 * item-retired event). The browse already leaves out the items of a service that is not live, so
 * ordering stops with the first write; retiring the retired service again finishes withdrawing
 * items a crash left behind.
 */
@Injectable()
export class RetireServiceHandler {
  constructor(
    private readonly services: ServiceCommands,
    private readonly itemCommands: CatalogueItemCommands,
    private readonly items: CatalogueItemStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: RetireServiceCommand): Promise<PortfolioService> {
    const by = command.caller.userId;
    const outcome = await this.services.run(command.serviceId, {
      authorise: (current) => assertManages(command.caller, current),
      decide: (current) => retireService(current, command.reason, by, this.clock.now()),
    });
    const reason = outcome.aggregate.lifecycle === 'retired' ? `Service ${outcome.aggregate.name} retired.` : null;
    for (const itemId of await this.items.publishedOfService(command.serviceId)) {
      await this.itemCommands.run(itemId, { decide: (item) => retireItem(item, reason, by, this.clock.now()) });
    }
    return outcome.aggregate;
  }
}
