import type { EntitlementRule, EntitlementRules } from '../../domain/entitlement';
import type { CatalogueBundle } from '../../domain/portfolio';
import { OrderableBundles, OrderableItems } from '../ports/orderable-items.port';
import type { OrderableItemVersion } from '../ports/orderable-items.port';

/** Catalogue items in memory for request specs: every version published, the last one current. */
export class InMemoryOrderableItems extends OrderableItems {
  private readonly versions = new Map<string, OrderableItemVersion[]>();
  private readonly rules = new Map<string, EntitlementRule>();

  /** Adds a version (its number must follow the item's last one). */
  publish(version: OrderableItemVersion): this {
    const existing = this.versions.get(version.itemId) ?? [];
    if (version.version !== existing.length + 1) throw new RangeError(`version ${version.version} of ${version.itemId} does not follow ${existing.length}`);
    this.versions.set(version.itemId, [...existing, version]);
    return this;
  }

  rule(rule: EntitlementRule): this {
    this.rules.set(rule.id, rule);
    return this;
  }

  current(itemIds: readonly string[]): Promise<ReadonlyMap<string, OrderableItemVersion>> {
    return Promise.resolve(new Map(itemIds.flatMap((id) => (this.versions.get(id)?.slice(-1) ?? []).map((v) => [id, v] as const))));
  }

  version(itemId: string, version: number): Promise<OrderableItemVersion | null> {
    return Promise.resolve(this.versions.get(itemId)?.[version - 1] ?? null);
  }

  entitlementRules(ruleIds: readonly string[]): Promise<EntitlementRules> {
    return Promise.resolve(new Map(ruleIds.flatMap((id) => (this.rules.has(id) ? [[id, this.rules.get(id) as EntitlementRule] as const] : []))));
  }
}

/** Catalogue bundles in memory for request specs. */
export class InMemoryOrderableBundles extends OrderableBundles {
  private readonly bundles = new Map<string, CatalogueBundle>();

  /** Adds or replaces a bundle. */
  put(bundle: CatalogueBundle): this {
    this.bundles.set(bundle.id, bundle);
    return this;
  }

  byIds(bundleIds: readonly string[]): Promise<ReadonlyMap<string, CatalogueBundle>> {
    return Promise.resolve(new Map(bundleIds.flatMap((id) => (this.bundles.has(id) ? [[id, this.bundles.get(id) as CatalogueBundle] as const] : []))));
  }
}
