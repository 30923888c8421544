import { CatalogueError, CatalogueErrorCode, catalogueError } from '../../../domain/catalogue.errors';
import { bundleItemValues } from '../../../domain/portfolio';
import type { FormValues } from '../../../domain/forms';
import type { CatalogueBundle } from '../../../domain/portfolio';
import type { OrderLine } from './order-catalog-items.command';

/** One requested item to be: the cart line it comes from (from 0), its item, and the bundle it was ordered through. */
export interface ExpandedLine {
  readonly line: number;
  readonly itemId: string;
  readonly bundleId: string | null;
  readonly quantity: number;
  readonly variables: unknown;
  /** The bundle's defaults for the item (applied where shown, under the values sent); none for an item line. */
  readonly defaults: FormValues;
}

/**
 * The cart's lines as requested items: an item line as it is, a bundle line as one per item of the
 * bundle with the values sent for it and the bundle's defaults. A bundle that does not exist is
 * CATALOGUE.NOT_FOUND, one not published CATALOGUE.NOT_ORDERABLE; every refusal names the line
 * and the bundle.
 */
export function expandOrderLines(lines: readonly OrderLine[], bundles: ReadonlyMap<string, CatalogueBundle>): ExpandedLine[] {
  return lines.flatMap((line, index): ExpandedLine[] => {
    if (line.bundleId === undefined) return [{ line: index, itemId: line.itemId, bundleId: null, quantity: line.quantity, variables: line.variables, defaults: {} }];
    const bundleId = line.bundleId;
    try {
      const bundle = bundles.get(bundleId);
      if (bundle === undefined) throw catalogueError(CatalogueErrorCode.NotFound, `No catalogue bundle ${bundleId}.`, {});
      if (bundle.status !== 'published') throw catalogueError(CatalogueErrorCode.NotOrderable, `Bundle ${bundle.name} is ${bundle.status === 'draft' ? 'not published' : 'retired'}.`, {});
      return bundleItemValues(bundle, line.variables).map(({ itemId, values, defaults }) => ({ line: index, itemId, bundleId, quantity: line.quantity, variables: values, defaults }));
    } catch (error) {
      if (error instanceof CatalogueError) throw new CatalogueError(error.code, `Line ${index}: ${error.message}`, { ...error.details, line: index, bundleId });
      throw error;
    }
  });
}
