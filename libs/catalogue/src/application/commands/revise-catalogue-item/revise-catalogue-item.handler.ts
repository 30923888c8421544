import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { currentVersion, reviseItem } from '../../../domain';
import type { CatalogueItem } from '../../../domain';
import { CatalogueItemReferences } from '../../catalogue-item-references.service';
import { assertManages } from '../../portfolio-access';
import { CatalogueItemCommands } from '../../portfolio-command-runners';
import { ServiceStore } from '../../ports/portfolio-stores.port';
import type { ReviseCatalogueItemCommand } from './revise-catalogue-item.command';

@Injectable()
export class ReviseCatalogueItemHandler {
  constructor(
    private readonly commands: CatalogueItemCommands,
    private readonly services: ServiceStore,
    private readonly references: CatalogueItemReferences,
    private readonly clock: Clock,
  ) {}

  async execute(command: ReviseCatalogueItemCommand): Promise<CatalogueItem> {
    const { content, rules } = await this.references.checkedDraft(command.caller, command.draft);
    const outcome = await this.commands.run(command.itemId, {
      // Moving an item between services needs the right on both: the one it leaves too.
      authorise: async (current) => {
        const serviceId = currentVersion(current).serviceId;
        assertManages(command.caller, serviceId === null ? null : ((await this.services.byIds([serviceId])).get(serviceId) ?? null));
      },
      decide: (current) => reviseItem(current, content, rules, command.caller.userId, this.clock.now()),
    });
    return outcome.aggregate;
  }
}
