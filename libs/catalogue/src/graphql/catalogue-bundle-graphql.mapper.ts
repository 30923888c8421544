import { encodeCursor } from '@itsm/platform/graphql';
import { CatalogueErrorCode, catalogueError } from '../domain';
import type { BundleDraft, CatalogueBundle, CatalogueItem } from '../domain';
import { bundleCursorKey } from '../persistence/catalogue-bundle.schema';
import type { CatalogBundleInput } from './catalogue-bundle.inputs';
import type { CatalogBundleGql } from './catalogue-bundle.types';
import { toItemGql } from './portfolio-graphql.mapper';

/** A bundle draft from the API: each item's defaults parsed (not JSON: CATALOGUE.INVALID_INPUT naming the item). */
export function bundleDraftOf(input: CatalogBundleInput): BundleDraft {
  return {
    name: input.name,
    description: input.description,
    categoryId: input.categoryId,
    items: input.items.map((entry, index) => {
      try {
        return { itemId: entry.itemId, defaults: JSON.parse(entry.defaults) as unknown };
      } catch {
        throw catalogueError(CatalogueErrorCode.InvalidInput, `The defaults of item ${entry.itemId} are not JSON.`, { field: `items[${index}].defaults`, itemId: entry.itemId });
      }
    }),
  };
}

/** A bundle for the API; with `items` (its items' current versions) each bundle item carries its item and form. */
export function toBundleGql(bundle: CatalogueBundle, items: readonly CatalogueItem[] = []): CatalogBundleGql {
  const byId = new Map(items.map((i) => [i.id, i]));
  return {
    id: bundle.id,
    name: bundle.name,
    description: bundle.description,
    categoryId: bundle.categoryId,
    status: bundle.status,
    items: bundle.items.map((entry) => {
      const item = byId.get(entry.itemId);
      return { itemId: entry.itemId, defaults: JSON.stringify(entry.defaults), item: item === undefined ? null : toItemGql(item) };
    }),
    createdAt: bundle.createdAt,
    updatedAt: bundle.updatedAt,
  };
}

export const bundleCursor = (bundle: CatalogueBundle): string => encodeCursor('cbundle', bundleCursorKey(bundle));
