import type { PortfolioCaller } from '../../portfolio-access';

/** The bundles a caller may order (admins: every bundle, or those of `status`), by name, one page after a cursor. */
export class CatalogueBundlesQuery {
  constructor(
    readonly caller: PortfolioCaller,
    readonly categoryId: string | null,
    readonly first: number,
    readonly after: string | null,
    /** Admins only (others see published bundles): null, every status. */
    readonly status: 'draft' | 'published' | 'retired' | null = null,
  ) {}
}
