import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';
import { isEntitled } from '../entitlement';
import type { EntitlementRules, RequesterProfile } from '../entitlement';
import { readValue } from '../forms';
import type { FormValue, FormValues, ItemForm } from '../forms';
import type { PortfolioDecision, PortfolioEvent } from './portfolio.events';

export const BUNDLE_STATUSES = ['draft', 'published', 'retired'] as const;
export type BundleStatus = (typeof BUNDLE_STATUSES)[number];

/** The contract's bounds: 2 to 20 distinct items a bundle orders at once. */
export const BUNDLE_LIMITS = { minItems: 2, maxItems: 20, name: 200, description: 4_000, reason: 2_000 } as const;

/** One item of a bundle and the values its form starts with when the bundle is ordered. */
export interface BundleItem {
  readonly itemId: string;
  readonly defaults: FormValues;
}

/**
 * A catalogue bundle (an order guide): several items ordered at once, each as its own requested
 * item of the same request. draft -> published -> retired; orderable only while published and every
 * item of it orderable, by a requester entitled to every item.
 */
export interface CatalogueBundle {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly items: readonly BundleItem[];
  readonly status: BundleStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What an admin gives to save a bundle (untrusted); `defaults` as the API read them (an object of name: value). */
export interface BundleDraft {
  readonly name: string;
  readonly description?: string | null;
  readonly categoryId: string;
  readonly items: readonly { readonly itemId: string; readonly defaults?: unknown }[];
}

/** What a bundle's checks need of each item: its current form and whether it may be ordered now. */
export interface BundledItemFacts {
  readonly itemId: string;
  readonly name: string;
  /** `retired`: the item, or its service, is withdrawn from ordering. */
  readonly status: 'published' | 'retired';
  readonly form: ItemForm;
  readonly categoryId: string;
  readonly entitlementRuleIds: readonly string[];
  /** Its offering's customer organisations (see isEntitled). */
  readonly customerOrgIds: readonly string[];
}

/** A bundle's content as saved: the draft checked against its items' current forms. */
export type BundleContent = Pick<CatalogueBundle, 'name' | 'description' | 'categoryId' | 'items'>;

function invalid(field: string, message: string, extra: Record<string, string | number> = {}) {
  return catalogueError(CatalogueErrorCode.InvalidInput, message, { field, ...extra });
}

/**
 * One item's defaults against its current form: names the form has (CATALOGUE.HIDDEN_VARIABLE,
 * reason `not_in_form`), values it reads (CATALOGUE.INVALID_VARIABLE with `reason`), normalised in
 * form order; null and blank values are left out. Visibility and requiredness are the order's to
 * decide (with the requester's values).
 */
export function checkBundleDefaults(form: ItemForm, defaults: unknown, itemId: string): FormValues {
  if (defaults === null || defaults === undefined) return {};
  if (typeof defaults !== 'object' || Array.isArray(defaults)) throw invalid('defaults', `The defaults of item ${itemId} must be an object of name: value.`, { itemId });
  const given = defaults as Readonly<Record<string, unknown>>;
  const names = new Set(form.variables.map((v) => v.name));
  const unknown = Object.keys(given).find((name) => !names.has(name));
  if (unknown !== undefined) throw catalogueError(CatalogueErrorCode.HiddenVariable, `The form of item ${itemId} has no variable ${unknown}.`, { itemId, variable: unknown, reason: 'not_in_form' });
  const values: [string, FormValue][] = [];
  for (const variable of form.variables) {
    if (!Object.hasOwn(given, variable.name)) continue;
    const reading = readValue(variable, given[variable.name]);
    if (reading.kind === 'invalid') {
      throw catalogueError(CatalogueErrorCode.InvalidVariable, `Default of ${variable.label} of item ${itemId}: ${reading.reason.replace(/_/g, ' ')}.`, { itemId, variable: variable.name, reason: reading.reason });
    }
    if (reading.kind === 'value') values.push([variable.name, reading.value]);
  }
  return Object.fromEntries(values);
}

/**
 * Checks a bundle draft at save: name and description lengths, 2 to 20 distinct items
 * (CATALOGUE.INVALID_INPUT naming the field), every item known (CATALOGUE.NOT_FOUND naming it) and
 * its defaults valid for its current form (see checkBundleDefaults).
 */
export function checkBundleDraft(draft: BundleDraft, items: ReadonlyMap<string, BundledItemFacts>): BundleContent {
  const name = draft.name.trim();
  if (name.length === 0 || name.length > BUNDLE_LIMITS.name) throw invalid('name', `name must be 1 to ${BUNDLE_LIMITS.name} characters`);
  const description = (draft.description ?? '').trim();
  if (description.length > BUNDLE_LIMITS.description) throw invalid('description', `description is longer than ${BUNDLE_LIMITS.description} characters`);
  if (draft.items.length < BUNDLE_LIMITS.minItems || draft.items.length > BUNDLE_LIMITS.maxItems) {
    throw invalid('items', `a bundle orders ${BUNDLE_LIMITS.minItems} to ${BUNDLE_LIMITS.maxItems} items`);
  }
  const seen = new Set<string>();
  const bundled = draft.items.map((entry, index) => {
    if (seen.has(entry.itemId)) throw invalid(`items[${index}].itemId`, `item ${entry.itemId} is in the bundle twice`, { itemId: entry.itemId });
    seen.add(entry.itemId);
    const item = items.get(entry.itemId);
    if (item === undefined) throw catalogueError(CatalogueErrorCode.NotFound, `No catalogue item ${entry.itemId}.`, { itemId: entry.itemId, field: `items[${index}].itemId` });
    return { itemId: entry.itemId, defaults: checkBundleDefaults(item.form, entry.defaults, entry.itemId) };
  });
  return { name, description, categoryId: draft.categoryId, items: bundled };
}

function bundleFacts(bundle: CatalogueBundle, by: string, now: Date) {
  return { bundleId: bundle.id, name: bundle.name, status: bundle.status, categoryId: bundle.categoryId, itemIds: bundle.items.map((i) => i.itemId), by, at: now.toISOString() };
}

/** A new bundle, a draft. */
export function createBundle(id: string, content: BundleContent, by: string, now: Date): PortfolioDecision<CatalogueBundle> {
  const bundle: CatalogueBundle = { id, ...content, status: 'draft', createdAt: now, updatedAt: now };
  return { aggregate: bundle, events: [{ type: 'itsm.service.bundle-created.v1', data: bundleFacts(bundle, by, now) }] };
}

/** The first item among `itemIds` that may not be ordered now (unknown or retired), CATALOGUE.NOT_ORDERABLE naming it. */
function assertItemsOrderable(bundle: Pick<CatalogueBundle, 'id' | 'items'>, items: ReadonlyMap<string, BundledItemFacts>): void {
  for (const { itemId } of bundle.items) {
    const item = items.get(itemId);
    if (item?.status !== 'published') {
      throw catalogueError(CatalogueErrorCode.NotOrderable, `Item ${item?.name ?? itemId} of bundle ${bundle.id} is not orderable (retired, or its service is).`, { bundleId: bundle.id, itemId });
    }
  }
}

/** Saves new content; a published bundle stays published only with every item orderable. A retired bundle is not edited. */
export function updateBundle(bundle: CatalogueBundle, content: BundleContent, items: ReadonlyMap<string, BundledItemFacts>, by: string, now: Date): PortfolioDecision<CatalogueBundle> {
  if (bundle.status === 'retired') throw catalogueError(CatalogueErrorCode.IllegalTransition, `Bundle ${bundle.id} is retired.`, { bundleId: bundle.id, status: bundle.status });
  const next: CatalogueBundle = { ...bundle, ...content, updatedAt: now };
  if (next.status === 'published') assertItemsOrderable(next, items);
  return { aggregate: next, events: [{ type: 'itsm.service.bundle-updated.v1', data: bundleFacts(next, by, now) }] };
}

/** draft -> published, when every item is orderable (CATALOGUE.NOT_ORDERABLE naming the first that is not). Publishing a published bundle changes nothing. */
export function publishBundle(bundle: CatalogueBundle, items: ReadonlyMap<string, BundledItemFacts>, by: string, now: Date): PortfolioDecision<CatalogueBundle> {
  if (bundle.status === 'published') return { aggregate: bundle, events: [] };
  if (bundle.status === 'retired') throw catalogueError(CatalogueErrorCode.IllegalTransition, `Bundle ${bundle.id} is retired.`, { bundleId: bundle.id, status: bundle.status });
  assertItemsOrderable(bundle, items);
  const next: CatalogueBundle = { ...bundle, status: 'published', updatedAt: now };
  const event: PortfolioEvent = { type: 'itsm.service.bundle-published.v1', data: bundleFacts(next, by, now) };
  return { aggregate: next, events: [event] };
}

/** Withdraws the bundle from ordering (from draft or published); retiring a retired bundle changes nothing. */
export function retireBundle(bundle: CatalogueBundle, reason: string | null, by: string, now: Date): PortfolioDecision<CatalogueBundle> {
  if (bundle.status === 'retired') return { aggregate: bundle, events: [] };
  const text = reason?.trim() ?? '';
  if (text.length > BUNDLE_LIMITS.reason) throw invalid('reason', `reason is longer than ${BUNDLE_LIMITS.reason} characters`);
  const next: CatalogueBundle = { ...bundle, status: 'retired', updatedAt: now };
  return { aggregate: next, events: [{ type: 'itsm.service.bundle-retired.v1', data: { ...bundleFacts(next, by, now), reason: text === '' ? null : text } }] };
}

/**
 * Whether a requester may order the bundle now: published, every item orderable and the requester
 * entitled to every item (what the browse shows them).
 */
export function isBundleOrderable(bundle: CatalogueBundle, items: ReadonlyMap<string, BundledItemFacts>, rules: EntitlementRules, profile: RequesterProfile): boolean {
  if (bundle.status !== 'published') return false;
  return bundle.items.every(({ itemId }) => {
    const item = items.get(itemId);
    return item?.status === 'published' && isEntitled({ id: itemId, categoryIds: [item.categoryId], entitlementRuleIds: item.entitlementRuleIds, customerOrgIds: item.customerOrgIds }, rules, profile);
  });
}

/**
 * A bundle line's values for each of its items: what the requester sent for that item (by item id)
 * and the bundle's defaults, which ordering applies under them where the variable is shown (see
 * validateValues; a sent null clears a default). A key that is not an item of the bundle is
 * CATALOGUE.INVALID_INPUT naming it.
 */
export function bundleItemValues(bundle: CatalogueBundle, variables: unknown): { readonly itemId: string; readonly values: Readonly<Record<string, unknown>>; readonly defaults: FormValues }[] {
  const given = variables ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw invalid('variables', `The variables of bundle ${bundle.id} must be an object of item id: {name: value}.`, { bundleId: bundle.id });
  }
  const byItem = given as Readonly<Record<string, unknown>>;
  const stray = Object.keys(byItem).find((id) => !bundle.items.some((i) => i.itemId === id));
  if (stray !== undefined) throw invalid('variables', `Bundle ${bundle.id} has no item ${stray}.`, { bundleId: bundle.id, itemId: stray });
  return bundle.items.map(({ itemId, defaults }) => {
    const sent = byItem[itemId] ?? {};
    if (typeof sent !== 'object' || sent === null || Array.isArray(sent)) {
      throw invalid('variables', `The variables of item ${itemId} in bundle ${bundle.id} must be an object of name: value.`, { bundleId: bundle.id, itemId });
    }
    return { itemId, values: sent as Readonly<Record<string, unknown>>, defaults };
  });
}
