import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError, isBundleOrderable } from '../../../domain';
import type { CatalogueBundle } from '../../../domain';
import { bundleCursorKey } from '../../../persistence/catalogue-bundle.schema';
import { isCatalogueAdmin } from '../../portfolio-access';
import { OrderableItems } from '../../ports/orderable-items.port';
import { CatalogueBundleStore } from '../../ports/portfolio-stores.port';
import type { CataloguePage } from '../../ports/portfolio-stores.port';
import { RequesterProfiles } from '../../requester-profiles.service';
import type { CatalogueBundlesQuery } from './catalogue-bundles.query';

export const BUNDLE_LIST_LIMITS = { first: 50, scanned: 500 } as const;

/**
 * The bundles a caller may order, by name: for a requester the published ones whose every item is
 * orderable and entitled to them (read in batches after the cursor until the page is full, at most
 * 500 bundles a call: a page may then come back short with `hasNextPage`); catalogue admins see
 * every bundle (or those of one status).
 */
@Injectable()
export class CatalogueBundlesHandler {
  constructor(
    private readonly bundles: CatalogueBundleStore,
    private readonly items: OrderableItems,
    private readonly profiles: RequesterProfiles,
  ) {}

  async execute(query: CatalogueBundlesQuery): Promise<CataloguePage<CatalogueBundle>> {
    if (!Number.isInteger(query.first) || query.first < 1 || query.first > BUNDLE_LIST_LIMITS.first) {
      throw catalogueError(CatalogueErrorCode.InvalidInput, `first must be 1 to ${BUNDLE_LIST_LIMITS.first}`, { field: 'first' });
    }
    if (isCatalogueAdmin(query.caller)) {
      const page = await this.bundles.list({ status: query.status, categoryId: query.categoryId }, query.first + 1, query.after);
      return { items: page.slice(0, query.first), hasNextPage: page.length > query.first };
    }
    const profile = await this.profiles.of(query.caller.userId);
    const found: CatalogueBundle[] = [];
    let after = query.after;
    for (let scanned = 0; scanned < BUNDLE_LIST_LIMITS.scanned; ) {
      const batch = await this.bundles.list({ status: 'published', categoryId: query.categoryId }, query.first + 1, after);
      scanned += batch.length;
      const versions = await this.items.current([...new Set(batch.flatMap((b) => b.items.map((i) => i.itemId)))]);
      const rules = await this.items.entitlementRules([...new Set([...versions.values()].flatMap((v) => v.entitlementRuleIds))]);
      for (const bundle of batch) {
        if (found.length > query.first) break;
        if (isBundleOrderable(bundle, versions, rules, profile)) found.push(bundle);
      }
      const last = batch[batch.length - 1];
      if (found.length > query.first || batch.length <= query.first || last === undefined) break;
      after = bundleCursorKey(last);
    }
    return { items: found.slice(0, query.first), hasNextPage: found.length > query.first };
  }
}
