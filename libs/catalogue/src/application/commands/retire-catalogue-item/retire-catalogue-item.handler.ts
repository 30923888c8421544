import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { currentVersion, retireItem } from '../../../domain';
import type { CatalogueItem } from '../../../domain';
import { assertManages } from '../../portfolio-access';
import { CatalogueItemCommands } from '../../portfolio-command-runners';
import { ServiceStore } from '../../ports/portfolio-stores.port';
import type { RetireCatalogueItemCommand } from './retire-catalogue-item.command';

@Injectable()
export class RetireCatalogueItemHandler {
  constructor(
    private readonly commands: CatalogueItemCommands,
    private readonly services: ServiceStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: RetireCatalogueItemCommand): Promise<CatalogueItem> {
    const outcome = await this.commands.run(command.itemId, {
      authorise: async (current) => {
        const serviceId = currentVersion(current).serviceId;
        assertManages(command.caller, serviceId === null ? null : ((await this.services.byIds([serviceId])).get(serviceId) ?? null));
      },
      decide: (current) => retireItem(current, command.reason, command.caller.userId, this.clock.now()),
    });
    return outcome.aggregate;
  }
}
