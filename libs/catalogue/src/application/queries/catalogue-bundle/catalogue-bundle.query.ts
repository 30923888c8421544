import type { PortfolioCaller } from '../../portfolio-access';

/** One bundle with its items' current versions (their forms as data), for a caller who may see it. */
export class CatalogueBundleQuery {
  constructor(
    readonly caller: PortfolioCaller,
    readonly bundleId: string,
  ) {}
}
