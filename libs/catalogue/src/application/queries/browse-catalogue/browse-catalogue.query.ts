import type { PortfolioCaller } from '../../portfolio-access';

/** The catalogue a caller may order from, by category and words, one page after a cursor. */
export class BrowseCatalogueQuery {
  constructor(
    readonly caller: PortfolioCaller,
    readonly categoryId: string | null,
    readonly text: string | null,
    readonly first: number,
    readonly after: string | null,
  ) {}
}
