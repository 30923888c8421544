import type { PortfolioCaller } from '../../portfolio-access';

/** Makes a draft bundle orderable (every item of it published). */
export class PublishCatalogueBundleCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly bundleId: string,
  ) {}
}
