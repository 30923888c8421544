import type { EntitlementRules } from '../../domain/entitlement';
import type { CatalogueBundle, CatalogueItemStatus, ItemContent, ItemPriceValue } from '../../domain/portfolio';

/** What an item costs: once, and per month while it is held (minor units of `currency`). */
export type ItemPrice = ItemPriceValue;

/**
 * One published version of a catalogue item: everything ordering needs, frozen (the domain's
 * version content without its description). A request keeps the version it was ordered under (its
 * form, plan and approval policies), whatever edits follow. Approval policies run in order ("run
 * all"); approvers name groups, people or roles, the role `requester-manager` standing for the
 * manager of the person the item is for; none: fulfilment starts. No entitlement rules: internal
 * people only.
 */
export interface OrderableItemVersion extends Omit<ItemContent, 'description'> {
  readonly itemId: string;
  readonly version: number;
  /** `retired`: withdrawn from ordering (itself, or its service retired); open requests finish. */
  readonly status: CatalogueItemStatus;
  /** The customer organisations of its offering, as the service names them now (empty: no restriction; see isEntitled). */
  readonly customerOrgIds: readonly string[];
}

/**
 * The catalogue's items as ordering reads them (the portfolio side writes them). Implemented by the
 * catalogue item repository; requests depend on this port only.
 */
export abstract class OrderableItems {
  /** The current version of each item among `itemIds` (retired ones included), by item id. */
  abstract current(itemIds: readonly string[]): Promise<ReadonlyMap<string, OrderableItemVersion>>;
  /** One version of an item, as it was published; null when the item or version is unknown. */
  abstract version(itemId: string, version: number): Promise<OrderableItemVersion | null>;
  /** The entitlement rules among `ruleIds` that exist (deleted ones are absent), by id. */
  abstract entitlementRules(ruleIds: readonly string[]): Promise<EntitlementRules>;
}

/** The catalogue's bundles as ordering reads them (the portfolio side writes them). Implemented by the bundle repository. */
export abstract class OrderableBundles {
  /** The bundles among `bundleIds` that exist (any status), by id. */
  abstract byIds(bundleIds: readonly string[]): Promise<ReadonlyMap<string, CatalogueBundle>>;
}
