import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { checkBundleDraft, createBundle, updateBundle } from '../../../domain';
import type { CatalogueBundle } from '../../../domain';
import { CatalogueBundleItems } from '../../catalogue-bundle-items.service';
import { CatalogueBundleCommands } from '../../portfolio-command-runners';
import { CatalogueBundleStore, CategoryStore } from '../../ports/portfolio-stores.port';
import { CatalogueErrorCode, catalogueError } from '../../../domain';
import type { SaveCatalogueBundleCommand } from './save-catalogue-bundle.command';

/**
 * Saves a bundle: its category known (CATALOGUE.NOT_FOUND), the caller managing every item of it
 * (and of the bundle as it was), the draft checked against the items' current forms
 * (checkBundleDraft); a published bundle stays published only with every item orderable.
 */
@Injectable()
export class SaveCatalogueBundleHandler {
  constructor(
    private readonly bundles: CatalogueBundleStore,
    private readonly commands: CatalogueBundleCommands,
    private readonly items: CatalogueBundleItems,
    private readonly categories: CategoryStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: SaveCatalogueBundleCommand): Promise<CatalogueBundle> {
    const { caller, draft } = command;
    if (!(await this.categories.byIds([draft.categoryId])).has(draft.categoryId)) {
      throw catalogueError(CatalogueErrorCode.NotFound, `No category ${draft.categoryId}.`, { categoryId: draft.categoryId, field: 'categoryId' });
    }
    const itemIds = draft.items.map((i) => i.itemId);
    if (command.bundleId === null) {
      const versions = await this.items.current(itemIds);
      await this.items.assertManages(caller, itemIds, versions);
      const { aggregate, events } = createBundle(command.newId ?? randomUUID(), checkBundleDraft(draft, versions), caller.userId, this.clock.now());
      await this.bundles.create(aggregate, events);
      return aggregate;
    }
    const outcome = await this.commands.run(command.bundleId, {
      authorise: async (current) => {
        const ids = [...CatalogueBundleItems.idsOf(current), ...itemIds];
        await this.items.assertManages(caller, ids, await this.items.current(ids));
      },
      decide: async (current) => {
        const versions = await this.items.current(itemIds);
        return updateBundle(current, checkBundleDraft(draft, versions), versions, caller.userId, this.clock.now());
      },
    });
    return outcome.aggregate;
  }
}
