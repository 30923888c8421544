import { ApprovalError, validatePolicy } from '@itsm/approval';
import type { ApprovalPolicy } from '@itsm/approval';
import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';
import { checkEntitlementRuleRefs } from '../entitlement';
import type { EntitlementRules } from '../entitlement';
import { defineForm } from '../forms';
import type { FormDraft, ItemForm } from '../forms';
import { definePlan } from '../fulfilment';
import type { FulfilmentPlan, FulfilmentPlanDraft } from '../fulfilment';
import { approvalRefusal } from './approval-refusal';
import type { PortfolioDecision, PortfolioEvent } from './portfolio.events';

export type CatalogueItemStatus = 'published' | 'retired';

export interface ItemPriceValue {
  readonly currency: string;
  readonly oneOffMinor: number;
  readonly recurringMonthlyMinor: number;
}

/** What an item offers, as one version freezes it. */
export interface ItemContent {
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly serviceId: string | null;
  readonly offeringId: string | null;
  readonly form: ItemForm;
  readonly plan: FulfilmentPlan;
  readonly approvalPolicies: readonly ApprovalPolicy[];
  readonly entitlementRuleIds: readonly string[];
  readonly price: ItemPriceValue;
  readonly leadTimeDays: number;
}

export interface ItemVersion extends ItemContent {
  readonly version: number;
  readonly publishedAt: Date;
  readonly publishedBy: string;
}

/**
 * A catalogue item: every version it was published under (oldest first; the last is current, the
 * one new requests order) and whether it is still orderable. `grantRuleIds`: the current version's
 * rules whose effect is `grant` (rule effects never change), what the browse selects by.
 */
export interface CatalogueItem {
  readonly id: string;
  readonly status: CatalogueItemStatus;
  readonly versions: readonly ItemVersion[];
  readonly grantRuleIds: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What an admin gives to publish or edit an item (untrusted). */
export interface ItemDraft {
  readonly name: string;
  readonly description?: string | null;
  readonly categoryId: string;
  readonly serviceId?: string | null;
  readonly offeringId?: string | null;
  readonly form: FormDraft;
  readonly plan: FulfilmentPlanDraft;
  readonly approvalPolicies?: readonly ApprovalPolicy[] | null;
  readonly entitlementRuleIds?: readonly string[] | null;
  readonly price?: ItemPriceValue | null;
  readonly leadTimeDays?: number | null;
}

const MAX_NAME = 200;
const MAX_DESCRIPTION = 4_000;
const MAX_MINOR = 1_000_000_000_000;
const MAX_LEAD_TIME_DAYS = 365;
const MAX_POLICIES = 10;
const CURRENCY = /^[A-Z]{3}$/;

function invalid(field: string, message: string, extra: Record<string, string | number> = {}) {
  return catalogueError(CatalogueErrorCode.InvalidInput, message, { field, ...extra });
}

function minor(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_MINOR) throw invalid(field, `${field} must be a whole number of minor units from 0 to ${MAX_MINOR}`);
  return value;
}

function checkPrice(price: ItemPriceValue | null | undefined): ItemPriceValue {
  if (price === null || price === undefined) return { currency: 'EUR', oneOffMinor: 0, recurringMonthlyMinor: 0 };
  if (!CURRENCY.test(price.currency)) throw invalid('price.currency', 'price.currency must be an ISO 4217 code (three capital letters)', { value: String(price.currency) });
  return { currency: price.currency, oneOffMinor: minor(price.oneOffMinor, 'price.oneOffMinor'), recurringMonthlyMinor: minor(price.recurringMonthlyMinor, 'price.recurringMonthlyMinor') };
}

/** The engine's refusal, as the catalogue's code naming the policy and the path in it. */
function checkPolicies(policies: readonly ApprovalPolicy[]): ApprovalPolicy[] {
  if (policies.length > MAX_POLICIES) throw invalid('approvalPolicies', `an item runs at most ${MAX_POLICIES} approval policies`);
  const ids = new Set<string>();
  return policies.map((policy, index) => {
    if (ids.has(policy.id)) throw invalid(`approvalPolicies[${index}].id`, `two approval policies share the id ${policy.id}`, { value: policy.id });
    ids.add(policy.id);
    try {
      return validatePolicy(policy);
    } catch (error) {
      throw approvalRefusal(error, { field: `approvalPolicies[${index}].${String(error instanceof ApprovalError ? (error.details['path'] ?? '') : '')}`, policy: policy.id });
    }
  });
}

/**
 * Checks an item at save against its rules (the existing ones among those it names): form
 * (CATALOGUE.INVALID_FORM), plan over the form's variables (CATALOGUE.INVALID_PLAN, CYCLIC_PLAN
 * with the cycle), approval policies, rule ids (CATALOGUE.NOT_FOUND naming a missing one), price
 * and lead time (CATALOGUE.INVALID_INPUT naming the field).
 */
export function checkItemDraft(draft: ItemDraft, rules: EntitlementRules): ItemContent {
  const name = draft.name.trim();
  if (name.length === 0 || name.length > MAX_NAME) throw invalid('name', `name must be 1 to ${MAX_NAME} characters`);
  const description = (draft.description ?? '').trim();
  if (description.length > MAX_DESCRIPTION) throw invalid('description', `description is longer than ${MAX_DESCRIPTION} characters`);
  const offeringId = draft.offeringId ?? null;
  const serviceId = draft.serviceId ?? null;
  if (offeringId !== null && serviceId === null) throw invalid('offeringId', 'an offering needs its service', { value: offeringId });
  const leadTimeDays = draft.leadTimeDays ?? 0;
  if (!Number.isInteger(leadTimeDays) || leadTimeDays < 0 || leadTimeDays > MAX_LEAD_TIME_DAYS) throw invalid('leadTimeDays', `leadTimeDays must be a whole number from 0 to ${MAX_LEAD_TIME_DAYS}`);
  const form = defineForm(draft.form);
  const plan = definePlan(draft.plan, form.variables.map((v) => v.name));
  return {
    name,
    description,
    categoryId: draft.categoryId,
    serviceId,
    offeringId,
    form,
    plan,
    approvalPolicies: checkPolicies(draft.approvalPolicies ?? []),
    entitlementRuleIds: checkEntitlementRuleRefs(draft.entitlementRuleIds ?? [], rules),
    price: checkPrice(draft.price),
    leadTimeDays,
  };
}

export function currentVersion(item: CatalogueItem): ItemVersion {
  const last = item.versions[item.versions.length - 1];
  if (last === undefined) throw new RangeError(`catalogue item ${item.id} has no version`);
  return last;
}

function grantsOf(content: ItemContent, rules: EntitlementRules): string[] {
  return content.entitlementRuleIds.filter((id) => rules.get(id)?.effect !== 'deny');
}

function itemFacts(item: CatalogueItem, by: string, now: Date) {
  const v = currentVersion(item);
  return { itemId: item.id, version: v.version, name: v.name, status: item.status, categoryId: v.categoryId, serviceId: v.serviceId, offeringId: v.offeringId, by, at: now.toISOString() };
}

function published(item: CatalogueItem, by: string, now: Date): PortfolioEvent {
  return { type: 'itsm.service.item-published.v1', data: itemFacts(item, by, now) };
}

/** Version 1 of a new item, published. */
export function publishItem(id: string, content: ItemContent, rules: EntitlementRules, by: string, now: Date): PortfolioDecision<CatalogueItem> {
  const item: CatalogueItem = { id, status: 'published', versions: [{ ...content, version: 1, publishedAt: now, publishedBy: by }], grantRuleIds: grantsOf(content, rules), createdAt: now, updatedAt: now };
  return { aggregate: item, events: [published(item, by, now)] };
}

/** An edit publishes a new version; the older ones stay as they were (requests keep theirs). A retired item is not edited. */
export function reviseItem(item: CatalogueItem, content: ItemContent, rules: EntitlementRules, by: string, now: Date): PortfolioDecision<CatalogueItem> {
  if (item.status === 'retired') throw catalogueError(CatalogueErrorCode.IllegalTransition, `Catalogue item ${item.id} is retired.`, { itemId: item.id, status: item.status });
  const version = currentVersion(item).version + 1;
  const next: CatalogueItem = { ...item, versions: [...item.versions, { ...content, version, publishedAt: now, publishedBy: by }], grantRuleIds: grantsOf(content, rules), updatedAt: now };
  return { aggregate: next, events: [published(next, by, now)] };
}

/** Withdraws the item from ordering (open requests finish); retiring a retired item changes nothing. */
export function retireItem(item: CatalogueItem, reason: string | null, by: string, now: Date): PortfolioDecision<CatalogueItem> {
  if (item.status === 'retired') return { aggregate: item, events: [] };
  const text = reason?.trim() ?? '';
  if (text.length > 2_000) throw invalid('reason', 'reason is longer than 2000 characters');
  const next: CatalogueItem = { ...item, status: 'retired', updatedAt: now };
  return { aggregate: next, events: [{ type: 'itsm.service.item-retired.v1', data: { ...itemFacts(next, by, now), reason: text === '' ? null : text } }] };
}
