import { Injectable } from '@nestjs/common';
import { CatalogueError, CatalogueErrorCode } from '../domain';
import type { CatalogueBundle } from '../domain';
import { assertManages, isCatalogueAdmin } from './portfolio-access';
import type { PortfolioCaller } from './portfolio-access';
import { OrderableItems } from './ports/orderable-items.port';
import type { OrderableItemVersion } from './ports/orderable-items.port';
import { ServiceStore } from './ports/portfolio-stores.port';

/**
 * The items a bundle names, as its commands check them: their current versions (form, orderability,
 * entitlement rules) and who may manage a bundle of them.
 */
@Injectable()
export class CatalogueBundleItems {
  constructor(
    private readonly items: OrderableItems,
    private readonly services: ServiceStore,
  ) {}

  /** The current version of each known item among `itemIds`, by id. */
  current(itemIds: readonly string[]): Promise<ReadonlyMap<string, OrderableItemVersion>> {
    return this.items.current([...new Set(itemIds)]);
  }

  /**
   * Catalogue admins manage every bundle; anyone else only a bundle whose every item (known ones of
   * `itemIds`) belongs to a service they own (an item without a service is the admins' alone):
   * CATALOGUE.FORBIDDEN otherwise, as assertManages words it.
   */
  async assertManages(caller: PortfolioCaller, itemIds: readonly string[], versions: ReadonlyMap<string, OrderableItemVersion>): Promise<void> {
    if (isCatalogueAdmin(caller)) return;
    const serviceIds = [...new Set(itemIds.map((id) => versions.get(id)?.serviceId ?? null))];
    const services = await this.services.byIds(serviceIds.filter((id): id is string => id !== null));
    for (const serviceId of serviceIds) assertManages(caller, serviceId === null ? null : (services.get(serviceId) ?? null));
  }

  /** CATALOGUE.FORBIDDEN unless the caller manages the bundle (every item of it, as they are now). */
  async assertManagesBundle(caller: PortfolioCaller, bundle: Pick<CatalogueBundle, 'items'>): Promise<void> {
    const ids = CatalogueBundleItems.idsOf(bundle);
    await this.assertManages(caller, ids, await this.current(ids));
  }

  /** Whether the caller manages a bundle of these items (see assertManages). */
  async manages(caller: PortfolioCaller, itemIds: readonly string[], versions: ReadonlyMap<string, OrderableItemVersion>): Promise<boolean> {
    try {
      await this.assertManages(caller, itemIds, versions);
      return true;
    } catch (error) {
      if (error instanceof CatalogueError && error.code === CatalogueErrorCode.Forbidden) return false;
      throw error;
    }
  }

  /** The item ids of a bundle, as its commands check them. */
  static idsOf(bundle: Pick<CatalogueBundle, 'items'>): string[] {
    return bundle.items.map((i) => i.itemId);
  }
}
