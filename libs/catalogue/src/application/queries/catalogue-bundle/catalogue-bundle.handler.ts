import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError, isBundleOrderable } from '../../../domain';
import type { CatalogueBundle, CatalogueItem } from '../../../domain';
import { CatalogueBundleItems } from '../../catalogue-bundle-items.service';
import { isCatalogueAdmin } from '../../portfolio-access';
import { OrderableItems } from '../../ports/orderable-items.port';
import { CatalogueBundleStore, CatalogueItemStore } from '../../ports/portfolio-stores.port';
import { RequesterProfiles } from '../../requester-profiles.service';
import type { CatalogueBundleQuery } from './catalogue-bundle.query';

export interface CatalogueBundleView {
  readonly bundle: CatalogueBundle;
  /** The bundle's items in bundle order (those still in the catalogue), each at its current version. */
  readonly items: readonly CatalogueItem[];
}

/**
 * A bundle as a portal renders it: its items with their forms. Catalogue admins and whoever manages
 * every item of it see any bundle; anyone else only one they may order now (published, every item
 * orderable and entitled), else CATALOGUE.NOT_FOUND (a bundle one may not order is not shown to exist).
 */
@Injectable()
export class CatalogueBundleHandler {
  constructor(
    private readonly bundles: CatalogueBundleStore,
    private readonly catalogue: CatalogueItemStore,
    private readonly orderable: OrderableItems,
    private readonly bundleItems: CatalogueBundleItems,
    private readonly profiles: RequesterProfiles,
  ) {}

  async execute(query: CatalogueBundleQuery): Promise<CatalogueBundleView> {
    const bundle = await this.bundles.byId(query.bundleId);
    if (bundle === undefined || !(await this.maySee(query, bundle))) throw catalogueError(CatalogueErrorCode.NotFound, `No catalogue bundle ${query.bundleId}.`, { bundleId: query.bundleId });
    const items = await Promise.all(CatalogueBundleItems.idsOf(bundle).map((id) => this.catalogue.byId(id)));
    return { bundle, items: items.filter((i): i is CatalogueItem => i !== undefined) };
  }

  private async maySee(query: CatalogueBundleQuery, bundle: CatalogueBundle): Promise<boolean> {
    if (isCatalogueAdmin(query.caller)) return true;
    const ids = CatalogueBundleItems.idsOf(bundle);
    const versions = await this.orderable.current(ids);
    if (await this.bundleItems.manages(query.caller, ids, versions)) return true;
    const rules = await this.orderable.entitlementRules([...new Set([...versions.values()].flatMap((v) => v.entitlementRuleIds))]);
    return isBundleOrderable(bundle, versions, rules, await this.profiles.of(query.caller.userId));
  }
}
