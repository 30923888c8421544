import type { PortfolioCaller } from '../../portfolio-access';

/** One item (its current version, or `version`) with its form as data, for a caller who may see it. */
export class CatalogueItemQuery {
  constructor(
    readonly caller: PortfolioCaller,
    readonly itemId: string,
    readonly version: number | null,
  ) {}
}
