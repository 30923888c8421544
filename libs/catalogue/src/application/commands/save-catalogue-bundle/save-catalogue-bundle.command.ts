import type { BundleDraft } from '../../../domain';
import type { PortfolioCaller } from '../../portfolio-access';

/** Creates a bundle as a draft (`bundleId` null: a new id) or saves a draft or published bundle again. */
export class SaveCatalogueBundleCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly bundleId: string | null,
    readonly draft: BundleDraft,
    /** For a new bundle: a chosen id (demo data), else a new one. */
    readonly newId?: string,
  ) {}
}
