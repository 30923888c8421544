import type { PortfolioCaller } from '../../portfolio-access';

/** Withdraws a bundle from ordering; requests ordered through it finish. */
export class RetireCatalogueBundleCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly bundleId: string,
    readonly reason: string | null,
  ) {}
}
