import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { publishBundle } from '../../../domain';
import type { CatalogueBundle } from '../../../domain';
import { CatalogueBundleItems } from '../../catalogue-bundle-items.service';
import { CatalogueBundleCommands } from '../../portfolio-command-runners';
import type { PublishCatalogueBundleCommand } from './publish-catalogue-bundle.command';

/** draft -> published by whoever manages every item of it; CATALOGUE.NOT_ORDERABLE naming an item that is retired (or its service). */
@Injectable()
export class PublishCatalogueBundleHandler {
  constructor(
    private readonly commands: CatalogueBundleCommands,
    private readonly items: CatalogueBundleItems,
    private readonly clock: Clock,
  ) {}

  async execute(command: PublishCatalogueBundleCommand): Promise<CatalogueBundle> {
    const outcome = await this.commands.run(command.bundleId, {
      authorise: (current) => this.items.assertManagesBundle(command.caller, current),
      decide: async (current) => publishBundle(current, await this.items.current(CatalogueBundleItems.idsOf(current)), command.caller.userId, this.clock.now()),
    });
    return outcome.aggregate;
  }
}
