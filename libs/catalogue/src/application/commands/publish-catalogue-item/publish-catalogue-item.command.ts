import type { ItemDraft } from '../../../domain';
import type { PortfolioCaller } from '../../portfolio-access';

/** A catalogue admin or the service's owner publishes a new item (its version 1). */
export class PublishCatalogueItemCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly draft: ItemDraft,
    /** A chosen id (demo data), else a new one. */
    readonly itemId?: string,
  ) {}
}
