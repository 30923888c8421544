import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { retireBundle } from '../../../domain';
import type { CatalogueBundle } from '../../../domain';
import { CatalogueBundleItems } from '../../catalogue-bundle-items.service';
import { CatalogueBundleCommands } from '../../portfolio-command-runners';
import type { RetireCatalogueBundleCommand } from './retire-catalogue-bundle.command';

@Injectable()
export class RetireCatalogueBundleHandler {
  constructor(
    private readonly commands: CatalogueBundleCommands,
    private readonly items: CatalogueBundleItems,
    private readonly clock: Clock,
  ) {}

  async execute(command: RetireCatalogueBundleCommand): Promise<CatalogueBundle> {
    const outcome = await this.commands.run(command.bundleId, {
      authorise: (current) => this.items.assertManagesBundle(command.caller, current),
      decide: (current) => retireBundle(current, command.reason, command.caller.userId, this.clock.now()),
    });
    return outcome.aggregate;
  }
}
