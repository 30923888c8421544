import type { ApprovalPolicy } from '@itsm/approval';
import type { EntitlementRules } from '../../domain/entitlement';
import type { ItemForm } from '../../domain/forms';
import type { FulfilmentPlan } from '../../domain/fulfilment';

/** What an item costs: once, and per month while it is held (minor units of `currency`). */
export interface ItemPrice {
  readonly currency: string;
  readonly oneOffMinor: number;
  readonly recurringMonthlyMinor: number;
}

/**
 * One published version of a catalogue item: everything ordering needs, frozen. A request keeps the
 * version it was ordered under (its form, plan and approval policies), whatever edits follow.
 */
export interface OrderableItemVersion {
  readonly itemId: string;
  readonly version: number;
  readonly name: string;
  /** `retired`: withdrawn from ordering (itself, or its service retired); open requests finish. */
  readonly status: 'published' | 'retired';
  readonly categoryId: string;
  readonly serviceId: string | null;
  readonly offeringId: string | null;
  readonly form: ItemForm;
  readonly plan: FulfilmentPlan;
  /**
   * Run in order ("run all"); approvers name groups, people or roles, the role `requester-manager`
   * standing for the manager of the person the item is for. Empty: no approval, fulfilment starts.
   */
  readonly approvalPolicies: readonly ApprovalPolicy[];
  /** The entitlement rules that grant or deny ordering it (none: internal people only). */
  readonly entitlementRuleIds: readonly string[];
  readonly price: ItemPrice;
  readonly leadTimeDays: number;
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
