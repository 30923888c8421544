import type { PortfolioCaller } from '../../portfolio-access';

/** Withdraws an item from ordering; open requests finish under their version. */
export class RetireCatalogueItemCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly itemId: string,
    readonly reason: string | null,
  ) {}
}
